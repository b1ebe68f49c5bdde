"""CloudFormation change sets as AWS keeps them, where moto differs. Loaded by moto_gaps.py.

11. A change set's name is unique within its stack: AWS refuses a second CreateChangeSet with the
    same name (AlreadyExistsException), which is what a client sees when its SDK retries a
    CreateChangeSet whose first answer was lost. moto accepted it and made a second stack.
12. A CREATE change set for a stack that already exists: AWS adds it to the stack when that stack
    is still REVIEW_IN_PROGRESS (never created) and refuses it otherwise. moto made a second stack
    with the same name every time.
13. ListChangeSets lists the change sets of the stack it names (moto listed every stack's), and
    DeleteStack deletes the stack's change sets with it (moto kept them listed).
"""

from moto.cloudformation.exceptions import AlreadyExistsException, ValidationError
from moto.cloudformation.models import CloudFormationBackend
from moto.cloudformation.responses import CloudFormationResponse

try:
    from moto.core.responses import ActionResult
except ImportError:  # pragma: no cover
    ActionResult = None


def _live_stack(backend, name_or_id):
    return next(
        (s for s in backend.stacks.values() if s.stack_id == name_or_id or s.name == name_or_id),
        None,
    )


_create_change_set = CloudFormationBackend.create_change_set


def _create_change_set_as_aws(self, stack_name, change_set_name, *args, **kwargs):
    existing = _live_stack(self, stack_name)
    if existing is not None and any(
        cs.stack_id == existing.stack_id and cs.change_set_name == change_set_name
        for cs in self.change_sets.values()
    ):
        raise AlreadyExistsException(f"ChangeSet [{change_set_name}] already exists")
    change_set_type = kwargs.get("change_set_type")
    if change_set_type == "CREATE" and existing is not None and existing.status != "REVIEW_IN_PROGRESS":
        raise ValidationError(
            message=f"Stack [{existing.name}] already exists and cannot be created again with the changeSet [{change_set_name}]."
        )
    change_set_id, stack_id = _create_change_set(self, stack_name, change_set_name, *args, **kwargs)
    if change_set_type == "CREATE" and existing is not None and stack_id != existing.stack_id:
        # moto made a second stack: put the change set on the one under review instead.
        self.stacks.pop(stack_id, None)
        change_set = self.change_sets[change_set_id]
        change_set.stack = existing
        change_set.stack_id = existing.stack_id
        stack_id = existing.stack_id
    return change_set_id, stack_id


CloudFormationBackend.create_change_set = _create_change_set_as_aws

_delete_stack = CloudFormationBackend.delete_stack


def _delete_stack_and_its_change_sets(self, name_or_stack_id):
    stack = _live_stack(self, name_or_stack_id)
    _delete_stack(self, name_or_stack_id)
    if stack is not None:
        for change_set_id in [k for k, cs in self.change_sets.items() if cs.stack_id == stack.stack_id]:
            del self.change_sets[change_set_id]


CloudFormationBackend.delete_stack = _delete_stack_and_its_change_sets

_list_change_sets = CloudFormationResponse.list_change_sets


def _list_change_sets_of_the_stack(self):
    name = self._get_param("StackName")
    backend = self.cloudformation_backend
    stack = _live_stack(backend, name) or backend.deleted_stacks.get(name)
    if stack is None:
        raise ValidationError(name)
    if ActionResult is None:  # pragma: no cover
        return _list_change_sets(self)
    return ActionResult({"Summaries": [cs for cs in backend.list_change_sets() if cs.stack_id == stack.stack_id]})


CloudFormationResponse.list_change_sets = _list_change_sets_of_the_stack
