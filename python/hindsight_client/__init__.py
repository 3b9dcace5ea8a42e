"""Standard-library client for `hir serve` and adapters for RL engines.

- ``hindsight_client.client``: ``HindsightClient`` (HIR_SERVE_URL, HIR_SERVE_TOKEN,
  timeouts, retries) for ``/v1/verify``, ``/v1/hindsight``, ``/v1/select``.
- ``hindsight_client.verl``: ``compute_score`` (+ ``compute_score_async``,
  ``compute_score_batch``) for verl's ``custom_reward_function``.
- ``hindsight_client.openrlhf``: ``reward_func`` for OpenRLHF ``--remote_rm_url file.py``.
- ``hindsight_client.trl``: ``hindsight_reward`` (+ async) for TRL ``GRPOTrainer``.
- ``hindsight_client.verl_hir``: Hindsight Instruction Replay for verl >= 0.7
  (imports verl only when its trainer classes are used).
"""
from .client import HindsightClient, HindsightError, default_client

__all__ = ["HindsightClient", "HindsightError", "default_client"]
__version__ = "0.1.0"
