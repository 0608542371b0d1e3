"""Python Lambda handlers for the CUSTOM_AUTH tests, mapped in with COGNITO_LOCAL_TRIGGERS.

A small arithmetic challenge: three wrong answers fail the sign-in; SRP first when the client starts with
SRP_A.
"""

from __future__ import annotations

from typing import Any

CALLS: list[str] = []


def define(event: dict[str, Any], context: Any) -> dict[str, Any]:
    session = event["request"]["session"]
    response = event["response"]
    if session and session[0]["challengeName"] == "SRP_A" and len(session) == 1:
        response.update(challengeName="PASSWORD_VERIFIER", issueTokens=False, failAuthentication=False)
    elif session and session[-1]["challengeName"] == "CUSTOM_CHALLENGE" and session[-1]["challengeResult"]:
        response.update(issueTokens=True, failAuthentication=False)
    elif len([s for s in session if s["challengeName"] == "CUSTOM_CHALLENGE"]) >= 3:
        response.update(issueTokens=False, failAuthentication=True)
    else:
        response.update(challengeName="CUSTOM_CHALLENGE", issueTokens=False, failAuthentication=False)
    return event


def create(event: dict[str, Any], context: Any) -> dict[str, Any]:
    attempt = len(event["request"]["session"])
    event["response"] = {
        "publicChallengeParameters": {"question": f"{attempt} + 2"},
        "privateChallengeParameters": {"answer": str(attempt + 2)},
        "challengeMetadata": f"MATH-{attempt}",
    }
    return event


def verify(event: dict[str, Any], context: Any) -> dict[str, Any]:
    expected = event["request"]["privateChallengeParameters"]["answer"]
    event["response"] = {"answerCorrect": event["request"]["challengeAnswer"] == expected}
    return event


def pre_token_v1(event: dict[str, Any], context: Any) -> dict[str, Any]:
    event["response"] = {
        "claimsOverrideDetails": {
            "claimsToAddOrOverride": {"tenant": "acme", "sub": "forged"},
            "claimsToSuppress": ["email"],
            "groupOverrideDetails": {"groupsToOverride": ["from-trigger"]},
        }
    }
    return event


def pre_token_v2(event: dict[str, Any], context: Any) -> dict[str, Any]:
    assert event["triggerSource"] in ("TokenGeneration_Authentication", "TokenGeneration_RefreshTokens")
    event["response"] = {
        "claimsAndScopeOverrideDetails": {
            "idTokenGeneration": {"claimsToAddOrOverride": {"level": 3, "source": event["triggerSource"]}},
            "accessTokenGeneration": {
                "claimsToAddOrOverride": {"tenant": "acme"},
                "scopesToAdd": ["orders/read"],
            },
        }
    }
    return event


def pre_auth(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if event["userName"] == "blocked":
        raise ValueError("Blocked by policy")
    return event
