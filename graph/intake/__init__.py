"""Article intake: a Chinese news article in, a draft seed document out (``honglian draft``, ``POST /drafts``).

Pure functions over text (no HTTP): ``decode`` → ``text`` → ``mentions``/``entities`` → ``relations``
→ ``link`` → ``draft``. The rule tables live in ``lexicon``. See docs/intake.md.
"""

from __future__ import annotations

from graph.errors import DatabaseUnavailable, QueryTimeout
from graph.intake.decode import IntakeError, decode_article
from graph.intake.draft import Draft, Meta, finish, prepare

__all__ = ["Draft", "IntakeError", "Meta", "decode_article", "draft", "finish", "prepare"]


async def draft(data: bytes | str, meta: Meta | None = None, store=None, require_link: bool = False) -> Draft:
    """Draft one article; link it through ``store`` (a ``graph.store.Store``) when one is given.

    When the graph cannot be reached the draft is made without linking (a note says so), unless
    ``require_link``: then ``DatabaseUnavailable`` is raised.
    """
    from graph.intake import link

    prep = prepare(data, meta)
    rows = None
    if store is not None:
        try:
            rows = await link.candidates(store, prep.names(), prep.proposed_ids(), prep.alias_names())
        except (DatabaseUnavailable, QueryTimeout):
            if require_link:
                raise
            prep.notes.append("图谱（Neo4j）无法连接：草稿未做链接。")
    return finish(prep, rows)
