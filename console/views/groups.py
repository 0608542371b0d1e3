"""Groups: list, details with members, create, edit, delete."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from console.models.resources import GroupsModel
from console.models.table import local_time
from console.models.users import UsersModel
from console.services.protocol import Group, Page

from .base import ListView, document, section
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

    async def fetch(self, pool_id: str) -> list[Group]:
        return await self.ctx.require().list_groups(pool_id)

    async def show_details(self, group: Group) -> None:
        claim = self._claim_details()
        async with self.ctx.busy(f"Loading members of {group.name}"):
            members = await self.ctx.require().group_members(self.ctx.pool_id, group.name)
            if not self._is_latest(claim):
                return
            generation = self.members.begin_search()
            self.members.append_page(generation, Page(tuple(members)))
            self.ui.details.setHtml(
                document(
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
                    section(f"Members ({len(members)})", [(m.username, m.email) for m in members[:200]]),
                )
            )

    async def edit(self, group: Group | None) -> None:
        dialog = GroupDialog(self, group, self.members if group else None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
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
