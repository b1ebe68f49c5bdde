"""Fill gaps in moto's emulation (CloudFormation, IAM, EC2 and S3) before its server starts.

1. moto has no CloudFormation delete handler for AWS::EC2::RouteTable, so deleting any stack that
   creates a VPC with its own route table fails with DependencyViolation: the table stays behind
   and the VPC cannot go. Real CloudFormation deletes the table (after its associations).
2. moto's ExecuteChangeSet applies the change set but never rebuilds the stack's outputs (its
   CreateStack and UpdateStack do), so a stack created or updated through a change set reports
   no outputs, or stale ones. Real CloudFormation reports the outputs of the executed template.
3. moto < 5.2 fails to delete a stack whose AWS::IAM::Policy names a role it already deleted
   (moto 5.2 fixed this; the fix is backported below and is a no-op on 5.2).
4. moto's ListBuckets does not paginate and omits BucketRegion (details below).
14. moto executes a change set again when asked twice (it applies the template a second time).
   Real CloudFormation executes a change set once: asked again, it answers InvalidChangeSetStatus
   ("cannot be executed in its current execution status of [EXECUTE_IN_PROGRESS]"), which is
   what an SDK retry of an ExecuteChangeSet whose first answer was lost gets.

Fixes 1-3 and 14 call moto's own code; fix 4 answers from moto's own bucket store. Fills 5-10 and 17 (resources
CloudFormation creates: managed policies on roles, OIDC providers, route table associations, VPC
and subnet attributes, internet gateway deletion, RetainExceptOnCreate, an update's removals in
dependency order) are in moto_fills_resources.py, fills 11-13 (change set names, CREATE on a stack under review, which
change sets a stack lists) in moto_fills_changesets.py, fill 15 (each resource's stack events) in
moto_fills_events.py. Nothing else changes.
Loaded by scripts/lib/moto.mjs when it starts moto (`npm run moto` starts one for reuse
through MOTO_URL).
"""

from moto.cloudformation.models import CloudFormationBackend
from moto.ec2.models import ec2_backends
from moto.ec2.models.route_tables import RouteTable


def _delete_route_table(cls, resource_name, cloudformation_json, account_id, region_name):
    backend = ec2_backends[account_id][region_name]
    table = backend.route_tables.get(resource_name)
    if table is None:
        return
    associations = getattr(table, "_associations", None)
    if associations is None:  # moto < 5.2 keeps them in a plain dict attribute
        associations = table.associations
    for association_id in list(associations.keys()):
        backend.disassociate_route_table(association_id)
    backend.delete_route_table(resource_name)


RouteTable.delete_from_cloudformation_json = classmethod(_delete_route_table)

_execute_change_set = CloudFormationBackend.execute_change_set


try:
    from moto.cloudformation.exceptions import CloudFormationError

    class InvalidChangeSetStatus(CloudFormationError):
        __module__ = "moto.cloudformation.exceptions"  # moto 5.2 finds an error's service by its module
        code = "InvalidChangeSetStatus"

except ImportError:  # moto < 5.2: the same error (code, 400, Sender), in its own ErrorResponse XML
    from jinja2 import Template
    from moto.cloudformation.exceptions import ERROR_RESPONSE
    from moto.core.exceptions import RESTError

    class InvalidChangeSetStatus(RESTError):
        def __init__(self, message):
            super().__init__(error_type="InvalidChangeSetStatus", message=message)
            self.description = Template(ERROR_RESPONSE).render(code="InvalidChangeSetStatus", message=message)


def _execute_change_set_with_outputs(self, change_set_name, stack_name=None):
    change_set = self.change_sets.get(change_set_name) or next(
        (cs for cs in self.change_sets.values() if cs.change_set_name == change_set_name), None
    )
    executed = getattr(change_set, "execution_status", None)
    if change_set is not None and executed and executed.startswith("EXECUTE_"):
        raise InvalidChangeSetStatus(
            f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current execution status of [{executed}]"
        )
    _execute_change_set(self, change_set_name, stack_name)
    if change_set is not None and change_set.stack_id in self.stacks:
        stack = self.stacks[change_set.stack_id]
        stack._parse_template()  # the executed template, not the one the stack was created with
        stack.output_map = stack._create_output_map()


CloudFormationBackend.execute_change_set = _execute_change_set_with_outputs


# 3. moto < 5.2 deletes an AWS::IAM::Role without forgetting it in the CloudFormation inline
#    policies (AWS::IAM::Policy) that name it, so deleting such a policy afterwards fails with
#    NoSuchEntity. moto 5.2 fixed this in the same place; this is that fix.

from moto.iam.models import Role, iam_backends  # noqa: E402

try:
    from moto.utilities.utils import get_partition  # noqa: E402
except ImportError:  # pragma: no cover
    def get_partition(region_name):
        return "aws"

_delete_role = Role.delete_from_cloudformation_json.__func__


def _delete_role_and_forget_it(cls, resource_name, cloudformation_json, account_id, region_name):
    _delete_role(cls, resource_name, cloudformation_json, account_id, region_name)
    backend = iam_backends[account_id][get_partition(region_name)]
    for policy in getattr(backend, "inline_policies", {}).values():
        if resource_name in getattr(policy, "role_names", []):
            policy.role_names = [name for name in policy.role_names if name != resource_name]


Role.delete_from_cloudformation_json = classmethod(_delete_role_and_forget_it)


# 4. moto's ListBuckets does not paginate: it ignores `continuation-token` (moto 5.2 cuts the list at
#    `max-buckets` and returns no token; moto 5.1 ignores `max-buckets` too) and omits each
#    bucket's BucketRegion. This answers ListBuckets as the S3 API does
#    (docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html): sorted by name, `prefix` and
#    `bucket-region` filters, pages of `max-buckets` with an opaque ContinuationToken.

import base64  # noqa: E402
from xml.sax.saxutils import escape  # noqa: E402

from moto.s3.responses import S3Response  # noqa: E402


def _query(self, name):
    values = getattr(self, "querystring", {}).get(name)
    return values[0] if values else None


def _all_buckets_paginated(self):
    self.data["Action"] = "ListAllMyBuckets"
    self._authenticate_and_authorize_s3_action()
    prefix = _query(self, "prefix")
    region = _query(self, "bucket-region")
    max_buckets = _query(self, "max-buckets")
    token = _query(self, "continuation-token")
    buckets = sorted(self.backend.buckets.values(), key=lambda b: b.name)
    if prefix:
        buckets = [b for b in buckets if b.name.startswith(prefix)]
    if region:
        buckets = [b for b in buckets if b.region_name == region]
    if token:
        after = base64.urlsafe_b64decode(token.encode()).decode()
        buckets = [b for b in buckets if b.name > after]
    limit = int(max_buckets) if max_buckets else 10000
    page, more = buckets[:limit], len(buckets) > limit
    items = "".join(
        f"<Bucket><Name>{escape(b.name)}</Name><CreationDate>{b.creation_date_ISO8601}</CreationDate>"
        f"<BucketRegion>{escape(b.region_name)}</BucketRegion></Bucket>"
        for b in page
    )
    next_token = base64.urlsafe_b64encode(page[-1].name.encode()).decode() if more else None
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        "<Owner><ID>bcaf1ffd86f41161ca5fb16fd081034f</ID><DisplayName>webfile</DisplayName></Owner>"
        f"<Buckets>{items}</Buckets>"
        + (f"<ContinuationToken>{next_token}</ContinuationToken>" if next_token else "")
        + (f"<Prefix>{escape(prefix)}</Prefix>" if prefix else "")
        + "</ListAllMyBucketsResult>"
    )
    self.data["Action"] = "ListBuckets"
    return 200, {"Content-Type": "application/xml"}, body


S3Response.all_buckets = _all_buckets_paginated


# 5-13 and 15-17: see the three modules' docstrings.
import moto_fills_resources  # noqa: E402,F401
import moto_fills_changesets  # noqa: E402,F401
import moto_fills_events  # noqa: E402,F401  (last: it wraps what the others made)
