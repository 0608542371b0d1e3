"""Datasets of merged identities: when an identity is merged into another, its datasets move to the other.

As the Cognito Sync clients expect (their ``onDatasetsMerged`` callback), each live dataset of the source
identity becomes a dataset of the destination named ``<datasetName>.<sourceIdentityId>``, with its records
and sync counts; ListRecords of ``<datasetName>`` on the destination names it in ``MergedDatasetNames``, so
the app can read it, merge it into its own and delete it. Deleted datasets of the source stay with it.
AWS documents nothing about push sync devices on a merge, so the source identity's registered devices and
their dataset subscriptions stay with it, and a device registers again under the destination identity.

identity_pools/identities.py calls ``merge_datasets`` from every merge (MergeDeveloperIdentities, and logins
that merge identities); this module reads only Cognito Sync's own tables.
"""

from __future__ import annotations

from console.emulator.core.context import RequestContext


def merged_name(dataset: str, source_identity_id: str) -> str:
    """The name a merged identity's dataset takes on the destination identity."""
    return f"{dataset}.{source_identity_id}"


def merge_datasets(ctx: RequestContext, source_identity_id: str, destination_identity_id: str) -> None:
    """Move the source identity's live datasets and their records to the destination identity."""
    rows = ctx.store.all(
        "SELECT name FROM sync_datasets WHERE identity_id = ? AND live ORDER BY name", (source_identity_id,)
    )
    for row in rows:
        name, merged = row["name"], merged_name(row["name"], source_identity_id)
        ctx.store.run(
            "INSERT OR REPLACE INTO sync_datasets (identity_id, name, pool_id, created, modified, modified_by,"
            " sync_count, live, deleted_at, storage, records, merged_from)"
            " SELECT ?, ?, pool_id, created, ?, modified_by, sync_count, 1, 0, storage, records, ?"
            " FROM sync_datasets WHERE identity_id = ? AND name = ?",
            (destination_identity_id, merged, ctx.now, source_identity_id, source_identity_id, name),
        )
        ctx.store.run(
            "UPDATE sync_records SET identity_id = ?, dataset = ? WHERE identity_id = ? AND dataset = ?",
            (destination_identity_id, merged, source_identity_id, name),
        )
        ctx.store.run("DELETE FROM sync_datasets WHERE identity_id = ? AND name = ?", (source_identity_id, name))


def merged_dataset_names(ctx: RequestContext, identity_id: str, dataset: str) -> list[str]:
    """The live datasets merged into the identity from ``dataset`` of the identities merged into it."""
    rows = ctx.store.all(
        "SELECT name, merged_from FROM sync_datasets WHERE identity_id = ? AND live AND merged_from IS NOT NULL"
        " ORDER BY name",
        (identity_id,),
    )
    return [r["name"] for r in rows if r["name"] == merged_name(dataset, r["merged_from"])]
