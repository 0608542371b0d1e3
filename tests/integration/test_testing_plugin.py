"""console.testing for other projects' tests: the pytest plugin's ``local_cognito`` fixture (one server per
session, emptied before each test unless it keeps the state) and the ``LocalCognito`` context manager."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import httpx
import pytest

from console.testing import LocalCognito

pytest_plugins = ["pytester"]

# A user's test module: nothing but the installed plugin (found through its pytest11 entry point).
USER_TESTS = """
import pytest

seen = {}


def test_first(local_cognito):
    seen["endpoint"] = local_cognito.endpoint_url
    idp = local_cognito.client("cognito-idp")
    pool_id = idp.create_user_pool(PoolName="app")["UserPool"]["Id"]
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="alice",
        UserAttributes=[{"Name": "email", "Value": "alice@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    [message] = local_cognito.outbox(pool_id)
    assert (message["channel"], message["destination"], message["username"]) == ("EMAIL", "alice@example.com", "alice")
    seen["pool_id"] = pool_id


def test_second_starts_empty(local_cognito):
    assert local_cognito.endpoint_url == seen["endpoint"]  # the same server: one per session
    idp = local_cognito.client("cognito-idp")
    assert idp.list_user_pools(MaxResults=60)["UserPools"] == []
    assert local_cognito.outbox() == []
    seen["pool_id"] = idp.create_user_pool(PoolName="kept")["UserPool"]["Id"]


@pytest.mark.local_cognito_keep_state
def test_third_keeps_what_the_second_left(local_cognito):
    idp = local_cognito.client("cognito-idp")
    assert [p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]] == [seen["pool_id"]]


def test_fourth_starts_empty_again(local_cognito):
    assert local_cognito.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"] == []


def test_clients_do_not_retry(local_cognito):
    idp = local_cognito.client("cognito-idp", region_name="eu-west-1")
    assert idp.meta.region_name == "eu-west-1"
    assert idp.meta.config.retries["total_max_attempts"] == 1
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_user_pool(UserPoolId="eu-west-1_nothere")
"""


def test_the_plugin_is_registered_for_pytest() -> None:
    plugins = {e.name: e.value for e in entry_points(group="pytest11")}
    assert plugins.get("cognito_local") == "console.testing"


def test_local_cognito_fixture_resets_between_tests_unless_marked(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--strict-markers", "-v")
    result.assert_outcomes(passed=5)


def test_the_plugin_declares_its_marker_and_fixture(pytester: pytest.Pytester) -> None:
    # In process: no test runs, so no server starts. pytest-asyncio, where installed, warns about its own
    # options at start-up, which this run's warning filters would turn into an error.
    markers = pytester.runpytest("-p", "no:asyncio", "--markers")
    markers.stdout.fnmatch_lines(["@pytest.mark.local_cognito_keep_state:*"])
    fixtures = pytester.runpytest("-p", "no:asyncio", "--fixtures")
    fixtures.stdout.fnmatch_lines(["local_cognito -- *testing.py:*"])


def test_context_manager_starts_an_ephemeral_server_and_stops_it() -> None:
    with LocalCognito() as cognito:
        assert cognito.endpoint_url.startswith("http://127.0.0.1:")
        idp = cognito.client("cognito-idp")
        pool_id = idp.create_user_pool(PoolName="script")["UserPool"]["Id"]
        assert [p["Id"] for p in idp.list_user_pools(MaxResults=10)["UserPools"]] == [pool_id]
        cognito.reset()
        assert idp.list_user_pools(MaxResults=10)["UserPools"] == []
        endpoint = cognito.endpoint_url
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{endpoint}/_emulator/health", timeout=5)


def test_two_servers_do_not_share_state() -> None:
    with LocalCognito() as one, LocalCognito() as two:
        assert one.endpoint_url != two.endpoint_url
        one.client("cognito-idp").create_user_pool(PoolName="only-in-one")
        assert two.client("cognito-idp").list_user_pools(MaxResults=10)["UserPools"] == []


def test_a_console_package_in_the_working_directory_is_not_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "console").mkdir()
    (tmp_path / "console" / "__init__.py").write_text('raise SystemExit("a project\'s own console package")\n')
    monkeypatch.chdir(tmp_path)
    with LocalCognito() as cognito:
        assert cognito.client("cognito-idp").list_user_pools(MaxResults=10)["UserPools"] == []


def test_a_server_that_cannot_start_says_why() -> None:
    with pytest.raises(RuntimeError, match=r"did not start: exit status 2: .*--no-such-option"):
        LocalCognito("--no-such-option").start()
