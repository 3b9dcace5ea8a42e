"""verl reward functions backed by `hir serve`.

Configure in verl::

    custom_reward_function.path=<site-packages>/hindsight_client/verl.py
    custom_reward_function.name=compute_score          # or compute_score_async, compute_score_batch

The label is the row's ``reward_model.ground_truth``: ``{"contract", "inputs"}`` or
IFEval/open-instruct ground truth (object or JSON/Python-literal string).

Every result is a dict with the same keys, each a scalar or a string (verl's reward
loop stacks extras from every row with ``np.array``; a list per row would raise):
``score`` (0/1, fail closed), ``fraction``, ``passed``, ``total``, ``unknown`` and
``error`` ("" when none).
"""
import asyncio
import functools

from .client import default_client

__all__ = ["compute_score", "compute_score_async", "compute_score_batch", "result_to_score"]


def result_to_score(result):
    """One /v1/verify result -> verl's score dict (scalars and strings only)."""
    return {
        "score": float(result.get("score", 0) or 0),
        "fraction": float(result.get("fraction", 0) or 0),
        "passed": int(result.get("passed", 0) or 0),
        "total": int(result.get("total", 0) or 0),
        "unknown": int(result.get("unknown", 0) or 0),
        "error": str(result.get("error") or ""),
    }


def _item(solution_str, ground_truth, extra_info, index=0):
    item = {"id": index, "label": ground_truth, "response": solution_str if isinstance(solution_str, str) else str(solution_str)}
    if isinstance(extra_info, dict) and isinstance(extra_info.get("prompt"), str):
        item["prompt"] = extra_info["prompt"]
    return item


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """verl's per-sample signature; called with keywords by the naive manager and positionally by prime."""
    client = kwargs.get("client") or default_client()
    return result_to_score(client.verify([_item(solution_str, ground_truth, extra_info)])[0])


async def compute_score_async(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """The same, as a coroutine (verl awaits ``async def`` reward functions); the HTTP call runs in a thread."""
    loop = asyncio.get_running_loop()
    call = functools.partial(compute_score, data_source, solution_str, ground_truth, extra_info, **kwargs)
    return await loop.run_in_executor(None, call)


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
    """verl's batch manager signature (plural keywords): one request for the whole batch, one dict per row."""
    client = kwargs.get("client") or default_client()
    n = len(solution_strs)
    extras = list(extra_infos) if extra_infos is not None else [None] * n
    items = [_item(solution_strs[i], ground_truths[i], extras[i] if i < len(extras) else None, i) for i in range(n)]
    return [result_to_score(r) for r in client.verify(items)]
