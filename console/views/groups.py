"""Groups: list, details with members, create, edit, delete."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from console.models.resources import GroupsModel
from console.models.table import local_time
from console.models.users import UsersModel
from console.services.errors import ServiceError
from console.services.protocol import Group, Page, User

from .base import ListView, accepted, document, pending, section, unavailable
from .context import AppContext
from .dialogs import GroupDialog


class GroupsView(ListView):
    name = "groups"
    title = "Groups"
    icon_name = "groups"
    noun = "group"
    empty = "No groups in this user pool.\nGroups give users roles and precedence in their tokens."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, GroupsModel(), parent)
        self.model.setParent(self)
        self.members = UsersModel(["email"], self)
        for column, width in ((1, 300), (2, 100), (3, 240)):  # a description is a sentence; precedence a number
            self.ui.table.setColumnWidth(column, width)

    async def fetch(self, pool_id: str) -> list[Group]:
        return await self.ctx.require().list_groups(pool_id)

    async def show_details(self, group: Group) -> None:
        """The group as listed at once; its members when ListUsersInGroup answers, or why it did not."""
        service = self.ctx.service
        if service is None:
            return
        claim = self._claim_details()
        self.failures = {}
        generation = self.members.begin_search()
        self.ui.details.setHtml(group_details(group, None))
        members = await self.ctx.attempt(
            f"Loading members of {group.name}", service.group_members, self.ctx.pool_id, group.name
        )
        if not self._is_latest(claim):
            return
        if isinstance(members, ServiceError):
            self.members.fetch_failed(generation, members.summary)
            self.failures = {"members": members}
        else:
            self.members.append_page(generation, Page(tuple(members)))
        self.ui.details.setHtml(group_details(group, members))

    async def edit(self, group: Group | None) -> None:
        dialog = GroupDialog(self, group, self.members if group else None)
        if await accepted(dialog):
            await self.save(dialog.value(self.ctx.pool_id), create=group is None)

    async def save(self, group: Group, create: bool) -> None:
        async with self.ctx.busy("Saving group"):
            service = self.ctx.require()
            saved = await (service.create_group(group) if create else service.update_group(group))
            self.model.upsert(saved)
            self._update_buttons()

    async def delete(self, group: Group) -> None:
        async with self.ctx.busy(f"Deleting {group.name}"):
            await self.ctx.require().delete_group(self.ctx.pool_id, group.name)
            self.model.remove(group.name)
            self._update_buttons()


def group_details(group: Group, members: list[User] | ServiceError | None) -> str:
    """A group's settings (from the listing) and its members: None while they load, or why they could not."""
    if members is None:
        members_html = pending("Members")
    elif isinstance(members, ServiceError):
        members_html = unavailable("Members", members, "members")
    else:
        members_html = section(f"Members ({len(members)})", [(m.username, m.email) for m in members[:200]])
    return document(
        group.name,
        group.description,
        section(
            "Group",
            [
                ("Precedence", "None" if group.precedence is None else group.precedence),
                ("IAM role ARN", group.role_arn or "None"),
                ("Created", local_time(group.created)),
                ("Last modified", local_time(group.modified)),
            ],
        ),
        members_html,
    )
