"""Fill three gaps in moto's CloudFormation emulation before its server starts.

1. moto has no CloudFormation delete handler for AWS::EC2::RouteTable, so deleting any stack that
   creates a VPC with its own route table fails with DependencyViolation: the table stays behind
   and the VPC cannot go. Real CloudFormation deletes the table (after its associations).
2. moto's ExecuteChangeSet applies the change set but never rebuilds the stack's outputs (its
   CreateStack and UpdateStack do), so a stack created or updated through a change set reports
   no outputs, or stale ones. Real CloudFormation reports the outputs of the executed template.
3. moto < 5.2 fails to delete a stack whose AWS::IAM::Policy names a role it already deleted
   (moto 5.2 fixed this; the fix is backported below and is a no-op on 5.2).

The fixes use moto's own code paths and nothing else. Loaded by scripts/lib/moto.mjs when it
starts moto (`npm run moto` starts one for reuse through MOTO_URL).
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


def _execute_change_set_with_outputs(self, change_set_name, stack_name=None):
    _execute_change_set(self, change_set_name, stack_name)
    change_set = self.change_sets.get(change_set_name) or next(
        (cs for cs in self.change_sets.values() if cs.change_set_name == change_set_name), None
    )
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
