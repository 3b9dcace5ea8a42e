"""OpenRLHF reward function backed by `hir serve`.

Use this file as ``--remote_rm_url`` (``--reward.remote_url`` from v0.10.2), with
``--label_key`` naming the dataset column that holds the label. OpenRLHF calls
``reward_func(queries, prompts, labels)``; ``queries`` hold prompt + response, the
prompt prefix is removed by the server. Alternatively point ``--remote_rm_url`` at
``http://HOST:PORT/openrlhf?token=...`` and skip Python altogether.

Returns ``{"rewards", "scores", "extra_logs"}``: tensors when torch is importable
(as OpenRLHF's own examples), lists otherwise; each extra log holds one number per
sample.
"""
from .client import default_client

__all__ = ["reward_func"]


def _tensor(values):
    try:
        import torch  # only present inside OpenRLHF
    except ImportError:
        return list(values)
    return torch.tensor(values, dtype=torch.float32)


def reward_func(queries, prompts, labels, **kwargs):
    client = kwargs.get("client") or default_client()
    n = len(queries)
    prompts = list(prompts) if prompts is not None else [""] * n
    labels = list(labels) if labels is not None else [None] * n
    answer = client.openrlhf(list(queries), prompts, labels)
    return {
        "rewards": _tensor(answer["rewards"]),
        "scores": _tensor(answer["scores"]),
        "extra_logs": {k: _tensor(v) for k, v in answer.get("extra_logs", {}).items()},
    }
