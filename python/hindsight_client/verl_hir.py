"""Hindsight Instruction Replay (HiR) for verl >= 0.7, through `hir serve`.

What it does each training step, after verl computed rewards, old and reference
log-probs and advantages (``RayPPOTrainer._update_actor`` is the seam):

1. every failed row (score < 1) with a label goes to ``/v1/hindsight``; rows whose
   rewrite is sound become candidates, scored by ``/v1/select`` (the trainer's
   curriculum: lambda_s * fraction + mean entropy, one implementation, on the
   server) with ``k`` replays per prompt group;
2. the number of replays is cut down to a multiple of ``divisor`` (the
   data-parallel size by default), dropping the lowest scores, so verl can still
   split the batch evenly;
3. each replay row is inserted right after its source row: same response tokens,
   the hindsight instruction as prompt (chat template, left-padded to the prompt
   width), every non-tensor field copied (so the same ``uid``: the source's GRPO
   group), old and reference log-probs copied from the source (the HiR release's
   convention), reward 1 on its last valid response token, ``is_replay`` True;
4. advantages are recomputed over the new batch and verl's own update runs.

The entropy term is the mean of -log p over the sampled tokens (``old_log_probs``),
an unbiased estimate of the policy's entropy; verl's per-token ``entropys`` are
used when the batch still has them.

``insert_replays`` and ``plan_replays`` work on plain arrays (numpy or torch) and are
what the tests exercise on a numpy stand-in of verl's ``DataProto``. The trainer
and task-runner classes import verl only when built: ``hir_trainer_class()`` and
``hir_task_runner_class()``, or run ``python -m hindsight_client.verl_hir`` with
verl's usual Hydra overrides plus ``+hir.k=2`` etc.
"""
from .client import default_client

__all__ = [
    "Replay",
    "plan_replays",
    "trim_to_multiple",
    "replay_messages",
    "left_pad",
    "insert_replays",
    "mean_entropy",
    "hir_trainer_class",
    "hir_task_runner_class",
    "REWARD_KEYS",
]

#: Tensors holding per-token rewards; a replay gets 1 on its last valid token there.
REWARD_KEYS = ("token_level_scores", "token_level_rewards", "rm_scores")
#: Tensors recomputed after insertion (replays start with zeros).
RECOMPUTED_KEYS = ("advantages", "returns")


class Replay:
    __slots__ = ("source", "instruction", "label", "score")

    def __init__(self, source, instruction, label, score):
        self.source = source
        self.instruction = instruction
        self.label = label
        self.score = score

    def __repr__(self):
        return "Replay(source=%d, score=%.4f)" % (self.source, self.score)


def trim_to_multiple(replays, divisor):
    """Keeps the best ``len - len % divisor`` replays (by score), in source order."""
    divisor = max(1, int(divisor))
    keep = len(replays) - len(replays) % divisor
    best = sorted(replays, key=lambda r: (-r.score, r.source))[:keep]
    return sorted(best, key=lambda r: r.source)


def plan_replays(rows, step, k, divisor=1, selection=None, client=None):
    """Chooses the replays of one step.

    rows: one dict per batch row with ``group`` (the uid), ``label``, ``response``,
    ``score`` (the row's reward), ``entropy`` and optionally ``prompt``.
    Returns ``Replay`` objects sorted by source row.
    """
    client = client or default_client()
    failed = [i for i, r in enumerate(rows) if r.get("label") is not None and float(r.get("score", 0)) < 1]
    if not failed or k <= 0:
        return []
    items = [{"id": i, "label": rows[i]["label"], "response": rows[i]["response"], "prompt": rows[i].get("prompt", "")} for i in failed]
    rewrites = {}
    candidates = []
    for i, h in zip(failed, client.hindsight(items)):
        if h.get("outcome") != "rewrite":
            continue
        rewrites[i] = h
        candidates.append({"key": i, "group": str(rows[i]["group"]), "fraction": h["verification"]["fraction"], "entropy": float(rows[i].get("entropy", 0.0))})
    if not candidates:
        return []
    groups = len({str(r["group"]) for r in rows})
    chosen = client.select(step, k, candidates, selection=selection, groups=groups)["selected"]
    replays = [Replay(int(c["key"]), rewrites[int(c["key"])]["instruction"], rewrites[int(c["key"])].get("label"), float(c["score"])) for c in chosen]
    return trim_to_multiple(sorted(replays, key=lambda r: r.source), divisor)


def replay_messages(raw_prompt, instruction):
    """The source's chat messages with the last user message replaced by the hindsight instruction."""
    messages = [dict(m) for m in (raw_prompt if raw_prompt is not None else [])]
    for m in reversed(messages):
        if m.get("role") == "user":
            m["content"] = instruction
            return messages
    return messages + [{"role": "user", "content": instruction}]


def left_pad(ids, width, pad_id):
    """Left-pads token ids to ``width``; None when they do not fit (the replay is skipped)."""
    ids = list(ids)
    if len(ids) > width:
        return None
    return [pad_id] * (width - len(ids)) + ids, [0] * (width - len(ids)) + [1] * len(ids)


def _is_torch(t):
    return type(t).__module__.startswith("torch")


def _like(t, values):
    if _is_torch(t):
        import torch

        return torch.as_tensor(values, dtype=t.dtype, device=t.device)
    import numpy as np

    return np.asarray(values, dtype=t.dtype)


def _index(t, order):
    if _is_torch(t):
        import torch

        return t[torch.as_tensor(order, dtype=torch.long, device=t.device)]
    return t[order]


def _last_valid(mask_row):
    last = -1
    for j, v in enumerate(mask_row.tolist()):
        if v:
            last = j
    return last


def mean_entropy(tensors, row):
    """F_div of one row: mean per-token entropy (``entropys``) or mean -log p of the sampled tokens."""
    mask = tensors["response_mask"][row].tolist() if "response_mask" in tensors else None
    for key, sign in (("entropys", 1.0), ("old_log_probs", -1.0)):
        if key in tensors:
            values = tensors[key][row].tolist()
            picked = [sign * v for v, m in zip(values, mask or [1] * len(values)) if m]
            return sum(picked) / len(picked) if picked else 0.0
    return 0.0


def insert_replays(tensors, non_tensors, replays, prompt_ids, pad_id):
    """Returns new (tensors, non_tensors) with one row per replay right after its source.

    tensors: name -> [N, ...] array (numpy or torch) with ``prompts`` [N, P],
    ``responses`` [N, R], ``input_ids``/``attention_mask``/``position_ids``
    [N, P + R] and ``response_mask`` [N, R]; every other tensor (old and reference
    log-probs included) is copied from the source row, reward tensors get 1 on the
    last valid token, advantages/returns start at 0 (recompute them).
    non_tensors: name -> numpy object array [N]; copied from the source (same uid),
    plus ``is_replay``.
    prompt_ids: one list of token ids per replay (its chat-templated instruction).
    Replays whose prompt is wider than P are skipped; the caller re-trims.
    """
    import numpy as np

    prompts = tensors["prompts"]
    n, width = prompts.shape[0], prompts.shape[1]
    fitted = []
    for r, ids in zip(replays, prompt_ids):
        padded = left_pad(ids, width, pad_id)
        if padded is not None:
            fitted.append((r, padded))
    by_source = {}
    for r, padded in fitted:
        by_source.setdefault(r.source, []).append(padded)
    order, replay_rows = [], []
    for i in range(n):
        order.append(i)
        for padded in by_source.get(i, []):
            replay_rows.append((len(order), padded))
            order.append(i)
    out = {name: _index(t, order) for name, t in tensors.items()}
    response_mask = out.get("response_mask")
    for row, (ids, mask) in replay_rows:
        out["prompts"][row] = _like(prompts, ids)
        if "input_ids" in out:
            out["input_ids"][row, :width] = _like(out["input_ids"], ids)
        if "attention_mask" in out:
            out["attention_mask"][row, :width] = _like(out["attention_mask"], mask)
            if "position_ids" in out and out["position_ids"].ndim == 2:
                attn = out["attention_mask"][row].tolist()
                positions, seen = [], 0
                for a in attn:
                    positions.append(max(seen - 1, 0) if not a else seen)
                    seen += 1 if a else 0
                out["position_ids"][row] = _like(out["position_ids"], positions)
        valid = response_mask[row] if response_mask is not None else out["attention_mask"][row, width:]
        last = _last_valid(valid)
        for key in REWARD_KEYS:
            if key in out:
                out[key][row] = 0
                if last >= 0:
                    out[key][row, last] = 1
        for key in RECOMPUTED_KEYS:
            if key in out:
                out[key][row] = 0
    replay_flags = np.zeros(len(order), dtype=bool)
    for row, _ in replay_rows:
        replay_flags[row] = True
    new_non = {name: np.asarray(a)[order] for name, a in non_tensors.items()}
    if "is_replay" in non_tensors:
        new_non["is_replay"] = np.logical_or(np.asarray(new_non["is_replay"], dtype=bool), replay_flags).astype(object)
    else:
        new_non["is_replay"] = replay_flags.astype(object)
    return out, new_non, len(replay_rows)


def _ground_truth(reward_model):
    if isinstance(reward_model, dict):
        return reward_model.get("ground_truth")
    return None


def hir_trainer_class():
    """``HiRRayPPOTrainer``: verl's ``RayPPOTrainer`` with replays inserted before each actor update."""
    from verl import DataProto
    from verl.trainer.ppo.ray_trainer import RayPPOTrainer, compute_advantage

    class HiRRayPPOTrainer(RayPPOTrainer):
        def _hir_config(self):
            hir = self.config.get("hir", {}) if hasattr(self.config, "get") else {}
            return {
                "k": int(hir.get("k", 2)),
                "divisor": int(hir.get("divisor", 0)) or int(getattr(self.actor_rollout_wg, "world_size", 1)),
                "selection": dict(hir.get("selection", {})) or None,
            }

        def _update_actor(self, batch):
            cfg = self._hir_config()
            tensors = dict(batch.batch.items())
            non = dict(batch.non_tensor_batch)
            scores = tensors["token_level_scores"].sum(-1).tolist()
            responses = self.tokenizer.batch_decode(tensors["responses"], skip_special_tokens=True)
            reward_models = non.get("reward_model")
            rows = []
            for i in range(len(scores)):
                rows.append({
                    "group": non["uid"][i],
                    "label": _ground_truth(reward_models[i]) if reward_models is not None else None,
                    "response": responses[i],
                    "score": scores[i],
                    "entropy": mean_entropy(tensors, i),
                })
            replays = plan_replays(rows, self.global_steps, cfg["k"], cfg["divisor"], cfg["selection"])
            raw = non.get("raw_prompt")
            ids = [
                self.tokenizer.apply_chat_template(replay_messages(raw[r.source] if raw is not None else None, r.instruction), add_generation_prompt=True, tokenize=True)
                for r in replays
            ]
            fits = [len(x) <= tensors["prompts"].shape[1] for x in ids]
            kept = trim_to_multiple([r for r, ok in zip(replays, fits) if ok], cfg["divisor"])
            kept_ids = [ids[replays.index(r)] for r in kept]
            if kept:
                new_tensors, new_non, added = insert_replays(tensors, non, kept, kept_ids, self.tokenizer.pad_token_id)
                rebuilt = DataProto.from_dict(tensors=new_tensors, non_tensors=new_non, meta_info=batch.meta_info)
                algo = self.config.algorithm
                rebuilt = compute_advantage(
                    rebuilt,
                    adv_estimator=algo.adv_estimator,
                    gamma=algo.gamma,
                    lam=algo.lam,
                    num_repeat=self.config.actor_rollout_ref.rollout.n,
                    norm_adv_by_std_in_grpo=algo.get("norm_adv_by_std_in_grpo", True),
                    config=algo,
                )
                # fit() keeps its own reference to `batch`: update it in place.
                batch.batch = rebuilt.batch
                batch.non_tensor_batch = rebuilt.non_tensor_batch
                batch.meta_info["hir_replays"] = added
                if "global_token_num" in batch.meta_info:
                    # Per-row token counts (verl's throughput metrics) must match the new rows.
                    batch.meta_info["global_token_num"] = batch.batch["attention_mask"].sum(-1).tolist()
            return super()._update_actor(batch)

    return HiRRayPPOTrainer


def hir_task_runner_class():
    """verl's ``TaskRunner`` building ``HiRRayPPOTrainer`` instead of ``RayPPOTrainer``."""
    import verl.trainer.main_ppo as main_ppo

    trainer = hir_trainer_class()

    class HiRTaskRunner(main_ppo.TaskRunner):
        trainer_cls = trainer

        def run(self, config):
            # TaskRunner.run builds `RayPPOTrainer` by module name; this runner is its own
            # Ray actor process, so rebinding the name here affects only this run.
            main_ppo.RayPPOTrainer = trainer
            return super().run(config)

    return HiRTaskRunner


def main():
    """``python -m hindsight_client.verl_hir <verl hydra overrides> +hir.k=2``: verl's main_ppo with the HiR runner."""
    import os

    import hydra
    import ray
    import verl.trainer.main_ppo as main_ppo

    config_dir = os.path.join(os.path.dirname(os.path.abspath(main_ppo.__file__)), "config")

    @hydra.main(config_path=config_dir, config_name="ppo_trainer", version_base=None)
    def _run(config):
        main_ppo.run_ppo(config, task_runner_class=ray.remote(num_cpus=1)(hir_task_runner_class()))

    _run()


if __name__ == "__main__":
    main()
