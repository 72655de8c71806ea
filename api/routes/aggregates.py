from __future__ import annotations

from fastapi import APIRouter

from api.deps import PrivateDep, StoreDep
from api.schemas import DonationSummary, Partnerships

router = APIRouter(tags=["aggregates"])


@router.get(
    "/donations/summary",
    response_model=DonationSummary,
    summary="谁向谁捐了多少: totals by donor and recipient, approximate amounts flagged",
)
async def donations_summary(store: StoreDep, private: PrivateDep):
    return await store.donations_summary(private)


@router.get("/partnerships", response_model=Partnerships, summary="Who pairs with whom, grouped by town")
async def partnerships(store: StoreDep, private: PrivateDep):
    return await store.partnerships(private)
