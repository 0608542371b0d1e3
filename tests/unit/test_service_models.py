"""The service models read by core/service_models.py match botocore's own, shape by shape, for every operation of
every service the local Cognito answers."""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest

from console.emulator.core import service_models

SERVICES = ("cognito-idp", "cognito-identity", "cognito-sync", "sts", "iam", "logs", "cloudwatch")


def _same_shape(ours: Any, theirs: Any, seen: set[tuple[str, str, str]], path: str) -> None:
    assert (ours.name, ours.type_name) == (theirs.name, theirs.type_name), path
    assert ours.metadata == theirs.metadata, path
    assert ours.serialization == theirs.serialization, path
    key = (ours.name, repr(sorted(ours.serialization.items())), repr(sorted(ours.metadata.items(), key=str)))
    if key in seen:
        return
    seen.add(key)
    if ours.type_name == "structure":
        assert list(ours.members) == list(theirs.members), path
        assert ours.required_members == theirs.required_members, path
        for name in ours.members:
            _same_shape(ours.members[name], theirs.members[name], seen, f"{path}.{name}")
    elif ours.type_name == "list":
        _same_shape(ours.member, theirs.member, seen, f"{path}[]")
    elif ours.type_name == "map":
        _same_shape(ours.key, theirs.key, seen, f"{path}.key")
        _same_shape(ours.value, theirs.value, seen, f"{path}.value")
    elif ours.type_name == "string":
        assert ours.enum == theirs.enum, path


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_model_matches_botocores(service: str) -> None:
    ours = service_models.load(service)
    theirs = botocore.session.get_session().get_service_model(service)
    assert ours.metadata == theirs.metadata
    assert (ours.signing_name, ours.api_version) == (theirs.signing_name, theirs.api_version)
    assert ours.operation_names == theirs.operation_names
    assert ours.shape_names == theirs.shape_names
    assert [shape.name for shape in ours.error_shapes] == [shape.name for shape in theirs.error_shapes]
    seen: set[tuple[str, str, str]] = set()
    for name in ours.operation_names:
        operation, expected = ours.operation_model(name), theirs.operation_model(name)
        assert (operation.name, operation.http) == (expected.name, expected.http)
        assert [e.name for e in operation.error_shapes] == [e.name for e in expected.error_shapes]
        for shape, expected_shape in (
            (operation.input_shape, expected.input_shape),
            (operation.output_shape, expected.output_shape),
        ):
            assert (shape is None) == (expected_shape is None), name
            if shape is not None:
                _same_shape(shape, expected_shape, seen, name)


def test_a_member_reference_keeps_its_own_traits_over_its_shapes() -> None:
    model = service_models.load("sts")
    # The result element's name is a trait of the operation's reference to its output shape, not of the shape.
    output = model.operation_model("AssumeRole").output_shape
    assert output is not None
    assert output.serialization.get("resultWrapper") == "AssumeRoleResult"
    assert "resultWrapper" not in model.shape_for(output.name).serialization


def test_gunzip_reads_what_gzip_reads_every_member_and_refuses_a_truncated_file() -> None:
    import gzip

    path = service_models.model_file("cognito-idp")
    if path.suffix == ".gz":
        raw = path.read_bytes()
        assert service_models.gunzip(raw) == gzip.decompress(raw)
    two_members = gzip.compress(b'{"a": ') + gzip.compress(b"1}")
    assert service_models.gunzip(two_members) == gzip.decompress(two_members) == b'{"a": 1}'
    with pytest.raises(EOFError):
        service_models.gunzip(gzip.compress(b"x" * 1000)[:-4])
