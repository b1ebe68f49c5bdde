"""The stack events moto does not record, filled the way AWS records them.

Loaded by moto_gaps.py, after the other fills (it wraps what they made of a stack's deletion).

15. moto records only the stack's own events (CREATE_IN_PROGRESS, CREATE_COMPLETE, ...), never
    one for a resource. AWS records each resource's progress as it goes: CREATE_IN_PROGRESS and
    CREATE_COMPLETE (with the physical id) for a resource created, UPDATE_IN_PROGRESS and
    UPDATE_COMPLETE for one modified, DELETE_IN_PROGRESS and DELETE_COMPLETE for one removed (by an
    update or by deleting the stack), DELETE_SKIPPED for one a deletion retains. Resources are
    created in dependency order and deleted in the reverse order; all of them come between the
    stack's IN_PROGRESS and final events. An operation moto fails part-way records nothing more
    than before (its error still answers the request).
16. moto never sets an event's ClientRequestToken. AWS gives every event of a stack operation the
    token that operation was asked with (ExecuteChangeSet, DeleteStack, ...: "All events
    triggered by a given stack operation are assigned the same client request token"), and none
    when it was asked without one.
"""

import threading

from moto.cloudformation import responses as cloudformation_responses
from moto.cloudformation.models import CloudFormationBackend
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.utils import utcnow

try:
    from moto.cloudformation.models import ChangeSet, Event, Stack
except ImportError:  # moto < 5.2 (Debian trixie's 5.1) names them FakeChangeSet, FakeEvent, FakeStack
    from moto.cloudformation.models import FakeChangeSet as ChangeSet, FakeEvent as Event, FakeStack as Stack


def _resources(stack):
    """Logical id -> (type, physical id) of what the stack holds now, in dependency order."""
    resource_map = stack.resource_map
    parsed = getattr(resource_map, "_parsed_resources", {})
    declared = getattr(resource_map, "_resource_json_map", None) or {}
    ordered = [name for name in parsed if name in declared]
    held = {}
    for name in ordered:
        resource = parsed.get(name)
        if resource is None or isinstance(resource, str):
            continue
        resource_type = getattr(resource, "cf_resource_type", None) or declared.get(name, {}).get("Type", "")
        held[name] = (resource_type, str(getattr(resource, "physical_resource_id", "") or ""))
    return held


def _event(stack, logical_id, resource_type, physical_id, status):
    return Event(
        stack_id=stack.stack_id,
        stack_name=stack.name,
        logical_resource_id=logical_id,
        physical_resource_id=physical_id,
        resource_type=resource_type,
        resource_status=status,
        resource_status_reason=None,
        resource_properties=None,
    )


def _record(stack, events):
    """Put the resources' events before the stack's own last event (the operation's end)."""
    if not events:
        return
    final = stack.events[-1] if stack.events else None
    ends = final is not None and final.resource_type == "AWS::CloudFormation::Stack"
    if ends:
        stack.events.pop()
    stack.events.extend(events)
    if ends:
        final.timestamp = utcnow()  # still the operation's last event
        stack.events.append(final)


_apply = ChangeSet.apply


def _apply_recording_events(self):
    stack = self.stack
    before = _resources(stack)
    _apply(self)
    after = _resources(stack)
    events = []
    declared_before = getattr(self, "_dcs_declared_before", None)
    for name, (resource_type, physical) in after.items():
        if name not in before:
            events.append(_event(stack, name, resource_type, "", "CREATE_IN_PROGRESS"))
            events.append(_event(stack, name, resource_type, physical, "CREATE_COMPLETE"))
        elif declared_before is not None and declared_before.get(name) != stack.resource_map._resource_json_map.get(name):
            events.append(_event(stack, name, resource_type, physical, "UPDATE_IN_PROGRESS"))
            events.append(_event(stack, name, resource_type, physical, "UPDATE_COMPLETE"))
    # AWS removes what an update drops last, in its clean-up.
    for name, (resource_type, physical) in reversed(list(before.items())):
        if name not in after:
            events.append(_event(stack, name, resource_type, physical, "DELETE_IN_PROGRESS"))
            events.append(_event(stack, name, resource_type, physical, "DELETE_COMPLETE"))
    self._dcs_pending_events = events


ChangeSet.apply = _apply_recording_events


def _declared(stack):
    return {name: value for name, value in (getattr(stack.resource_map, "_resource_json_map", None) or {}).items()}


def _wrap_execute(backend_class):
    execute = backend_class.execute_change_set

    def _execute_recording_events(self, change_set_name, stack_name=None):
        change_set = self.change_sets.get(change_set_name) or next(
            (cs for cs in self.change_sets.values() if cs.change_set_name == change_set_name), None
        )
        if change_set is not None and change_set.stack_id in self.stacks:
            change_set._dcs_declared_before = _declared(self.stacks[change_set.stack_id])
        execute(self, change_set_name, stack_name)
        if change_set is not None and change_set.stack_id in self.stacks:
            _record(self.stacks[change_set.stack_id], getattr(change_set, "_dcs_pending_events", []))
            change_set._dcs_pending_events = []

    backend_class.execute_change_set = _execute_recording_events


_wrap_execute(CloudFormationBackend)

_delete = Stack.delete


def _delete_recording_events(self):
    before = _resources(self)
    _delete(self)
    remaining = set(getattr(self.resource_map, "_parsed_resources", {}))
    events = []
    for name, (resource_type, physical) in reversed(list(before.items())):
        if name in remaining:
            events.append(_event(self, name, resource_type, physical, "DELETE_SKIPPED"))
        else:
            events.append(_event(self, name, resource_type, physical, "DELETE_IN_PROGRESS"))
            events.append(_event(self, name, resource_type, physical, "DELETE_COMPLETE"))
    _record(self, events)


Stack.delete = _delete_recording_events


# 16. The operation's ClientRequestToken on each of its events (moto serves requests on threads).

_operation = threading.local()
_event_init = Event.__init__


def _event_with_token(self, *args, **kwargs):
    _event_init(self, *args, **kwargs)
    self.client_request_token = getattr(_operation, "token", None)


Event.__init__ = _event_with_token


def _with_request_token(handler):
    def answer(self):
        _operation.token = self._get_param("ClientRequestToken")
        try:
            return handler(self)
        finally:
            _operation.token = None

    return answer


for _name in ("execute_change_set", "delete_stack", "create_stack", "update_stack"):
    setattr(CloudFormationResponse, _name, _with_request_token(getattr(CloudFormationResponse, _name)))


# moto < 5.2 answers DescribeStackEvents from an XML template that has no ClientRequestToken.
_EVENTS_XML = getattr(cloudformation_responses, "DESCRIBE_STACK_EVENTS_RESPONSE", None)
if _EVENTS_XML and "ClientRequestToken" not in _EVENTS_XML:
    cloudformation_responses.DESCRIBE_STACK_EVENTS_RESPONSE = _EVENTS_XML.replace(
        "<ResourceType>{{ event.resource_type }}</ResourceType>",
        "<ResourceType>{{ event.resource_type }}</ResourceType>"
        "{% if event.client_request_token %}<ClientRequestToken>{{ event.client_request_token }}</ClientRequestToken>{% endif %}",
    )
