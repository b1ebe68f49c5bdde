/** Signing in without a profile (IAM Identity Center start URL, or typed keys) and saving it as one. */
export {
  InAppSession,
  InAppSessionName,
  NewProfileName,
  SavedProfile,
  SaveProfileInput,
  SsoAccount,
  SsoAccountPage,
  SsoAccountsInput,
  SsoLoginHandle,
  SsoRolePage,
  SsoRolesInput,
  SsoSessionName,
  SsoStartInput,
  SsoStartUrl,
  SsoUseInput,
  StaticKeysInput,
} from '../../../../provisioners/aws/sign-in.schema';
