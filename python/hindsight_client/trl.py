"""TRL ``GRPOTrainer`` reward functions backed by `hir serve`.

    from hindsight_client.trl import hindsight_reward
    trainer = GRPOTrainer(..., reward_funcs=[hindsight_reward])

TRL calls each reward function with ``prompts=``, ``completions=``,
``completion_ids=`` and every dataset column as keywords. The label comes from the
``label`` column (or ``ground_truth``). A row without a label gets ``None`` ("not
applicable"). Plain functions and ``async def`` are what TRL recognises: an object
with an async ``__call__`` is not detected as async, so none is offered.
"""
import asyncio
import functools

from .client import default_client

__all__ = ["hindsight_reward", "hindsight_fraction_reward", "hindsight_reward_async", "LABEL_COLUMNS"]

LABEL_COLUMNS = ("label", "ground_truth")


def _text(completion):
    """Standard format: a string; conversational: a list of messages (the last assistant content)."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, (list, tuple)):
        for message in reversed(completion):
            if isinstance(message, dict) and message.get("role", "assistant") == "assistant":
                content = message.get("content", "")
                return content if isinstance(content, str) else str(content)
    return str(completion)


def _prompt(prompt):
    if isinstance(prompt, str):
        return prompt
    if isinstance(prompt, (list, tuple)):
        for message in reversed(prompt):
            if isinstance(message, dict) and message.get("role") == "user":
                return str(message.get("content", ""))
    return ""


def _results(prompts, completions, kwargs):
    labels = None
    for column in LABEL_COLUMNS:
        if kwargs.get(column) is not None:
            labels = kwargs[column]
            break
    n = len(completions)
    if labels is None:
        return [None] * n
    prompts = list(prompts) if prompts is not None else [""] * n
    items, where = [], []
    for i in range(n):
        if labels[i] is None:
            continue
        items.append({"id": i, "label": labels[i], "response": _text(completions[i]), "prompt": _prompt(prompts[i]) if i < len(prompts) else ""})
        where.append(i)
    out = [None] * n
    client = kwargs.get("client") or default_client()
    for i, result in zip(where, client.verify(items) if items else []):
        out[i] = result
    return out


def hindsight_reward(prompts=None, completions=None, **kwargs):
    """1.0 when every constraint passes, else 0.0 (unknown never passes); None without a label."""
    return [None if r is None else float(r.get("score", 0) or 0) for r in _results(prompts, completions or [], kwargs)]


def hindsight_fraction_reward(prompts=None, completions=None, **kwargs):
    """The fraction of constraints passed (constraint-level accuracy); None without a label."""
    return [None if r is None else float(r.get("fraction", 0) or 0) for r in _results(prompts, completions or [], kwargs)]


async def hindsight_reward_async(prompts=None, completions=None, **kwargs):
    """``hindsight_reward`` as a coroutine function (TRL awaits these); the HTTP call runs in a thread."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(hindsight_reward, prompts, completions, **kwargs))
