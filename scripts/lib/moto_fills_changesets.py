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

from moto.cloudformation import responses as cloudformation_responses
from moto.cloudformation.exceptions import ValidationError
from moto.cloudformation.models import CloudFormationBackend
from moto.cloudformation.responses import CloudFormationResponse

try:
    from moto.core.responses import ActionResult
except ImportError:  # moto < 5.2 renders its answers from XML templates
    ActionResult = None

try:
    from moto.cloudformation.exceptions import AlreadyExistsException
except ImportError:  # moto < 5.2: the same error (code, 400, Sender), in its own ErrorResponse XML
    from jinja2 import Template
    from moto.cloudformation.exceptions import ERROR_RESPONSE
    from moto.core.exceptions import RESTError

    class AlreadyExistsException(RESTError):
        def __init__(self, message):
            super().__init__(error_type="AlreadyExistsException", message=message)
            self.description = Template(ERROR_RESPONSE).render(code="AlreadyExistsException", message=message)


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

def _list_change_sets_of_the_stack(self):
    name = self._get_param("StackName")
    backend = self.cloudformation_backend
    stack = _live_stack(backend, name) or backend.deleted_stacks.get(name)
    if stack is None:
        raise ValidationError(name)
    summaries = [cs for cs in backend.list_change_sets() if cs.stack_id == stack.stack_id]
    if ActionResult is None:  # moto < 5.2: its own LIST_CHANGE_SETS_RESPONSE template
        template = self.response_template(cloudformation_responses.LIST_CHANGE_SETS_RESPONSE)
        return template.render(change_sets=summaries)
    return ActionResult({"Summaries": summaries})


CloudFormationResponse.list_change_sets = _list_change_sets_of_the_stack
