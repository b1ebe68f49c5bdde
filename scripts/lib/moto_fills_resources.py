"""CloudFormation resources moto creates differently from AWS, filled the way AWS behaves.

Loaded by moto_gaps.py. Each fill calls moto's own backends; nothing is invented:

5. AWS::IAM::Role ignores ManagedPolicyArns (create and update): AWS attaches each policy, fails the
   resource when a policy does not exist, and detaches them before deleting the role. AWS managed
   policies (arn:aws:iam::aws:policy/...) are taken from moto's own copy of them when first used.
6. AWS::IAM::OIDCProvider is not implemented at all: AWS creates the provider (Ref and Arn are its
   ARN), updates its audiences and thumbprints in place, and deletes it with the stack.
7. AWS::EC2::SubnetRouteTableAssociation is recorded apart from the route table, so the table
   never lists the subnet: AWS associates the subnet (DescribeRouteTables shows it), and the
   association's physical id is the rtbassoc- id, removed on delete.
8. AWS::EC2::VPC ignores EnableDnsHostnames and EnableDnsSupport; AWS::EC2::Subnet ignores
   MapPublicIpOnLaunch. AWS sets them. (moto < 5.2 keeps them as the strings "true"/"false".)
9. AWS::EC2::InternetGateway and AWS::EC2::VPCGatewayAttachment are never deleted: AWS detaches the
   gateway (deleting the attachment) and then deletes the gateway, which fails while attached.
10. DeletionPolicy RetainExceptOnCreate is treated as Delete: AWS retains the resource when the
    stack is deleted, and deletes it only when the create that made it failed.
17. moto < 5.2 removes what a stack update drops in a single pass, in template order, so removing
    a resource that another removed one still holds (an internet gateway with its attachment) fails
    the update with DependencyViolation. AWS removes them in reverse dependency order. moto 5.2
    retries the removals in passes (as it does for deletion); this is that code, a no-op on 5.2.
14. Listing the resources of a deleted stack (by its id) makes moto create them again (its resource
    map creates what it is asked for and no longer holds). AWS lists what the stack had, with the
    physical ids, and creates nothing: the list is recorded when the stack is deleted.
"""

import re

from moto.cloudformation import parsing
try:
    from moto.cloudformation.models import Stack
except ImportError:  # moto < 5.2 (Debian trixie's 5.1) names it FakeStack
    from moto.cloudformation.models import FakeStack as Stack
from moto.cloudformation.parsing import ResourceMap
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.ec2.models.internet_gateways import InternetGateway
from moto.ec2.models.subnets import Subnet, SubnetRouteTableAssociation
from moto.ec2.models.vpcs import VPC
from moto.ec2.models.vpn_gateway import VPCGatewayAttachment
from moto.iam.models import Role, iam_backends

try:
    from moto.iam.models import AWSManagedPolicy
    from moto.iam.aws_managed_policies import aws_managed_policies_data
except ImportError:  # pragma: no cover
    AWSManagedPolicy = None
    aws_managed_policies_data = "{}"

try:
    from moto.utilities.utils import get_partition
except ImportError:  # pragma: no cover
    def get_partition(region_name):
        return "aws"


def _truthy(value):
    return str(value).lower() == "true"


def _attribute_value(model, attr, value):
    """The value as the model keeps it: a bool (moto 5.2), or "true"/"false" (moto < 5.2 renders it as is)."""
    on = _truthy(value)
    return ("true" if on else "false") if isinstance(getattr(model, attr, None), str) else on


# 5. ManagedPolicyArns on AWS::IAM::Role.

_AWS_MANAGED = re.compile(r"^arn:[\w-]+:iam::aws:policy/(?:.*/)?([\w+=,.@-]+)$")
_aws_policy_data = None


def _ensure_aws_managed_policy(backend, arn, account_id, region_name):
    """moto loads AWS managed policies only with MOTO_IAM_LOAD_MANAGED_POLICIES; add the one asked for."""
    global _aws_policy_data
    if arn in backend.managed_policies or AWSManagedPolicy is None:
        return
    match = _AWS_MANAGED.match(arn)
    if not match:
        return
    if _aws_policy_data is None:
        import json

        _aws_policy_data = json.loads(aws_managed_policies_data)
    data = _aws_policy_data.get(match.group(1))
    if data is not None:
        policy = AWSManagedPolicy.from_data(match.group(1), account_id, region_name, data)
        if policy.arn == arn:
            backend.managed_policies[arn] = policy


def _sync_managed_policies(role_name, wanted, account_id, region_name):
    backend = iam_backends[account_id][get_partition(region_name)]
    role = backend.get_role(role_name)
    attached = set(role.managed_policies.keys())
    for arn in wanted:
        if arn not in attached:
            _ensure_aws_managed_policy(backend, arn, account_id, region_name)
            backend.attach_role_policy(arn, role_name)  # NoSuchEntity fails the resource, as in AWS
    for arn in attached - set(wanted):
        backend.detach_role_policy(arn, role_name)


_create_role = Role.create_from_cloudformation_json.__func__
_update_role = Role.update_from_cloudformation_json.__func__
_delete_role = Role.delete_from_cloudformation_json.__func__


def _create_role_with_policies(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    role = _create_role(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    wanted = cloudformation_json.get("Properties", {}).get("ManagedPolicyArns") or []
    try:
        _sync_managed_policies(role.name, wanted, account_id, region_name)
    except Exception:
        # AWS rolls the resource back: a role whose policies could not be attached is not kept.
        _sync_managed_policies(role.name, [], account_id, region_name)
        _delete_role(cls, role.name, cloudformation_json, account_id, region_name)
        raise
    return role


def _update_role_with_policies(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    properties = cloudformation_json.get("Properties", {})
    max_session = original_resource.max_session_duration
    role = _update_role(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
    # moto reads MaxSessionDuration from "RoleDescription" (a typo): keep what the template says.
    role.max_session_duration = properties.get("MaxSessionDuration", max_session or 3600)
    role.description = properties.get("Description", "")
    _sync_managed_policies(role.name, properties.get("ManagedPolicyArns") or [], account_id, region_name)
    return role


def _delete_role_detaching(cls, resource_name, cloudformation_json, account_id, region_name):
    backend = iam_backends[account_id][get_partition(region_name)]
    role = next((r for r in backend.roles.values() if r.name == resource_name), None)
    if role is not None:
        for arn in list(role.managed_policies.keys()):
            backend.detach_role_policy(arn, resource_name)
    _delete_role(cls, resource_name, cloudformation_json, account_id, region_name)


Role.create_from_cloudformation_json = classmethod(_create_role_with_policies)
Role.update_from_cloudformation_json = classmethod(_update_role_with_policies)
Role.delete_from_cloudformation_json = classmethod(_delete_role_detaching)


# 6. AWS::IAM::OIDCProvider.


class OidcProviderResource(CloudFormationModel):
    """The provider as CloudFormation sees it: Ref and Fn::GetAtt Arn are its ARN."""

    __module__ = "moto.iam.models"  # moto's model registry files each model under its service

    def __init__(self, arn, account_id, region_name):
        self.arn = arn
        self.account_id = account_id
        self.region_name = region_name

    @property
    def physical_resource_id(self):
        return self.arn

    @staticmethod
    def cloudformation_name_type():
        return ""

    @staticmethod
    def cloudformation_type():
        return "AWS::IAM::OIDCProvider"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == "Arn"

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Arn":
            return self.arn
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        backend = iam_backends[account_id][get_partition(region_name)]
        provider = backend.create_open_id_connect_provider(
            url=properties["Url"],
            thumbprint_list=properties.get("ThumbprintList", []),
            client_id_list=properties.get("ClientIdList", []),
            tags=properties.get("Tags", []),
        )
        return cls(provider.arn, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        properties = cloudformation_json.get("Properties", {})
        backend = iam_backends[account_id][get_partition(region_name)]
        provider = backend.get_open_id_connect_provider(original_resource.arn)
        if properties.get("Url") and provider.url != re.sub(r"^https://", "", properties["Url"]):
            # A new URL is a new provider (replacement), as in AWS.
            backend.delete_open_id_connect_provider(original_resource.arn)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        provider.thumbprint_list = properties.get("ThumbprintList", [])
        provider.client_id_list = properties.get("ClientIdList", [])
        return original_resource

    def delete(self, account_id, region_name):
        iam_backends[account_id][get_partition(region_name)].delete_open_id_connect_provider(self.arn)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        iam_backends[account_id][get_partition(region_name)].delete_open_id_connect_provider(resource_name)


for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
    cached.cache_clear()


# 7. AWS::EC2::SubnetRouteTableAssociation.


class _Association:
    def __init__(self, association_id, route_table_id, subnet_id, account_id, region_name):
        self.association_id = association_id
        self.route_table_id = route_table_id
        self.subnet_id = subnet_id
        self.account_id = account_id
        self.region_name = region_name

    @property
    def physical_resource_id(self):
        return self.association_id

    def is_created(self):
        return True

    def delete(self, account_id, region_name):
        backend = ec2_backends[account_id][region_name]
        try:
            backend.disassociate_route_table(self.association_id)
        except Exception as error:  # already gone with its route table
            if "InvalidAssociationID" not in type(error).__name__ + str(error):
                raise


def _associate(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    backend = ec2_backends[account_id][region_name]
    association_id = backend.associate_route_table(
        route_table_id=properties["RouteTableId"], subnet_id=properties["SubnetId"]
    )
    return _Association(association_id, properties["RouteTableId"], properties["SubnetId"], account_id, region_name)


SubnetRouteTableAssociation.create_from_cloudformation_json = classmethod(_associate)


# 8. EnableDnsHostnames / EnableDnsSupport on AWS::EC2::VPC, MapPublicIpOnLaunch on AWS::EC2::Subnet.

_create_vpc = VPC.create_from_cloudformation_json.__func__
_create_subnet = Subnet.create_from_cloudformation_json.__func__


def _create_vpc_with_dns(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    vpc = _create_vpc(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    properties = cloudformation_json.get("Properties", {})
    backend = ec2_backends[account_id][region_name]
    for prop, attr in (("EnableDnsSupport", "enable_dns_support"), ("EnableDnsHostnames", "enable_dns_hostnames")):
        if prop in properties:
            backend.modify_vpc_attribute(vpc.id, attr, _attribute_value(vpc, attr, properties[prop]))
    return vpc


def _create_subnet_with_public_ips(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    subnet = _create_subnet(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    properties = cloudformation_json.get("Properties", {})
    if "MapPublicIpOnLaunch" in properties:
        ec2_backends[account_id][region_name].modify_subnet_attribute(
            subnet.id,
            "map_public_ip_on_launch",
            _attribute_value(subnet, "map_public_ip_on_launch", properties["MapPublicIpOnLaunch"]),
        )
    return subnet


VPC.create_from_cloudformation_json = classmethod(_create_vpc_with_dns)
Subnet.create_from_cloudformation_json = classmethod(_create_subnet_with_public_ips)


# 9. Internet gateways and their attachments are deleted with the stack.


def _delete_gateway(cls, resource_name, cloudformation_json, account_id, region_name):
    backend = ec2_backends[account_id][region_name]
    if resource_name in backend.internet_gateways:
        backend.delete_internet_gateway(resource_name)  # DependencyViolation while attached, as in AWS


def _delete_attachment(cls, resource_name, cloudformation_json, account_id, region_name):
    # The attachment's physical id is its VPC; a VPC has at most one internet gateway.
    backend = ec2_backends[account_id][region_name]
    for gateway in list(backend.internet_gateways.values()):
        if gateway.vpc is not None and gateway.vpc.id == resource_name:
            backend.detach_internet_gateway(gateway.id, resource_name)


InternetGateway.delete_from_cloudformation_json = classmethod(_delete_gateway)
VPCGatewayAttachment.delete_from_cloudformation_json = classmethod(_delete_attachment)


# 10. DeletionPolicy RetainExceptOnCreate.

_FAILED_CREATE = {"REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_FAILED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED"}
_delete_resources = ResourceMap.delete
_delete_stack = Stack.delete


def _delete_resources_retaining(self):
    if getattr(self, "_dcs_created", False):
        # Retained resources stay, as moto does for Retain: hide them from its deletion loop.
        retained = {
            key: value
            for key, value in self._resource_json_map.items()
            if value.get("DeletionPolicy") == "RetainExceptOnCreate"
        }
        for key in retained:
            self._resource_json_map[key] = {**retained[key], "DeletionPolicy": "Retain"}
        try:
            return _delete_resources(self)
        finally:
            self._resource_json_map.update(retained)
    return _delete_resources(self)


class _DeletedResource:
    def __init__(self, resource):
        self.logical_resource_id = getattr(resource, "logical_resource_id", "")
        self.physical_resource_id = getattr(resource, "physical_resource_id", "")
        # moto < 5.2 files a resource's type as `type` (and its templates render that).
        self.cf_resource_type = getattr(resource, "cf_resource_type", "") or getattr(resource, "type", "")
        self.type = self.cf_resource_type


def _delete_stack_knowing_how_it_was_made(self):
    self.resource_map._dcs_created = self.status not in _FAILED_CREATE
    had = [
        _DeletedResource(r)
        for r in self.resource_map._parsed_resources.values()
        if r is not None and not isinstance(r, str)
    ]
    result = _delete_stack(self)
    self._dcs_deleted_resources = had
    return result


_stack_resources = Stack.stack_resources


def _resources_of(self):
    recorded = getattr(self, "_dcs_deleted_resources", None)
    if recorded is not None and self.status == "DELETE_COMPLETE":
        return recorded
    return _stack_resources.fget(self)


Stack.stack_resources = property(_resources_of)


ResourceMap.delete = _delete_resources_retaining
Stack.delete = _delete_stack_knowing_how_it_was_made


# 17. moto < 5.2: an update's removals in passes, as moto 5.2 makes them (its ResourceMap.update).

if not hasattr(parsing, "MAX_UPDATE_ATTEMPTS"):
    import warnings

    def _update_removing_in_passes(self, template, parameters=None):
        resource_names_by_action = self.build_resource_diff(template, parameters)

        tries = 1
        while resource_names_by_action["Remove"] and tries < 5:
            for logical_name in resource_names_by_action["Remove"].copy():
                resource_json = self._resource_json_map[logical_name]
                try:
                    if logical_name in self._parsed_resources:
                        resource = self._parsed_resources[logical_name]
                        self._delete_resource(resource, resource_json)
                    else:
                        warnings.warn(f"Unable to delete {logical_name}, as it was never created", stacklevel=2)
                except Exception as e:
                    last_exception = e  # a dependency violation: try again in another pass
                else:
                    resource_names_by_action["Remove"].remove(logical_name)
            tries += 1
        if tries == 5:
            raise last_exception

        self._template = template
        if parameters:
            self.input_parameters = parameters
        self.load_mapping()
        self.load_parameters()
        self.load_conditions()

        self._resource_json_map = template["Resources"]

        for logical_name in resource_names_by_action["Add"]:
            _ = self[logical_name]

        tries = 1
        while resource_names_by_action["Modify"] and tries < 5:
            for logical_name in resource_names_by_action["Modify"].copy():
                resource_json = self._resource_json_map[logical_name]
                try:
                    changed_resource = parsing.parse_and_update_resource(
                        logical_name,
                        resource_json,
                        self,
                        account_id=self._account_id,
                        region_name=self._region_name,
                    )
                except Exception as e:
                    last_exception = e
                else:
                    self._parsed_resources[logical_name] = changed_resource
                    resource_names_by_action["Modify"].remove(logical_name)
            tries += 1
        if tries == 5:
            raise last_exception

    ResourceMap.update = _update_removing_in_passes
