"""HiR replay assembly for verl on a numpy stand-in of verl's DataProto batch.

The stand-in has verl's tensor names and layout: ``prompts`` [N, P] left-padded,
``responses`` [N, R] right-padded, ``input_ids``/``attention_mask``/``position_ids``
[N, P + R], ``response_mask`` [N, R], ``old_log_probs``/``ref_log_prob``/
``token_level_scores``/``advantages`` [N, R]; non-tensors are object arrays with
``uid`` (the GRPO group) and ``reward_model``. Selection goes through a real
``hir serve`` (/v1/hindsight and /v1/select).
"""
import unittest

import serve  # noqa: I001  (first: puts the repository's package on sys.path)
from hindsight_client import verl_hir

try:
    import numpy as np
except ImportError:
    np = None

P, R, PAD = 8, 6, 0


def setUpModule():
    serve.start()


class StandInDataProto:
    """The parts of verl's DataProto that the HiR trainer reads and replaces."""

    def __init__(self, batch, non_tensor_batch, meta_info=None):
        self.batch = batch
        self.non_tensor_batch = non_tensor_batch
        self.meta_info = meta_info or {}


def position_ids(attention):
    return np.clip(np.cumsum(attention, axis=-1) - 1, 0, None)


def make_batch():
    n = 6
    prompt_lens = [3, 3, 3, 4, 4, 4]
    response_lens = [6, 4, 5, 2, 6, 3]
    prompts = np.zeros((n, P), dtype=np.int64)
    responses = np.zeros((n, R), dtype=np.int64)
    response_mask = np.zeros((n, R), dtype=np.int64)
    attention = np.zeros((n, P + R), dtype=np.int64)
    for i in range(n):
        prompts[i, P - prompt_lens[i]:] = 100 + i
        responses[i, :response_lens[i]] = 200 + i
        response_mask[i, :response_lens[i]] = 1
        attention[i, P - prompt_lens[i]:P] = 1
        attention[i, P:P + response_lens[i]] = 1
    rng = np.random.default_rng(0)
    old = -rng.random((n, R)).astype(np.float32) * response_mask
    ref = -rng.random((n, R)).astype(np.float32) * response_mask
    scores = np.zeros((n, R), dtype=np.float32)
    scores[1, 3] = 0  # failures
    batch = {
        "prompts": prompts,
        "responses": responses,
        "response_mask": response_mask,
        "input_ids": np.concatenate([prompts, responses], axis=1),
        "attention_mask": attention,
        "position_ids": position_ids(attention),
        "old_log_probs": old,
        "ref_log_prob": ref,
        "token_level_scores": scores,
        "advantages": rng.random((n, R)).astype(np.float32),
    }
    non = {
        "uid": np.array(["u0", "u0", "u0", "u1", "u1", "u1"], dtype=object),
        "reward_model": np.array([{"ground_truth": serve.BRIEFING}] * 3 + [{"ground_truth": serve.IFEVAL}] * 3, dtype=object),
        "index": np.array([0, 1, 2, 3, 4, 5], dtype=object),
    }
    return StandInDataProto(batch, non)


TEXTS = [serve.GOOD, serve.PARTIAL, serve.PARTIAL, "hello there, friend", "hello there my friend", "x, y"]
ENTROPY = [0.3, 0.1, 0.5, 0.2, 0.9, 0.4]


@unittest.skipIf(np is None, "numpy is not installed (apt-get install python3-numpy)")
class ReplayTest(unittest.TestCase):
    def rows(self, data):
        scores = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
        return [{"group": data.non_tensor_batch["uid"][i], "label": data.non_tensor_batch["reward_model"][i]["ground_truth"], "response": TEXTS[i], "score": scores[i], "entropy": ENTROPY[i]} for i in range(6)]

    def test_selection_goes_through_the_server_and_keeps_batches_divisible(self):
        data = make_batch()
        rows = self.rows(data)
        per_group = verl_hir.plan_replays(rows, step=1, k=1, divisor=1, selection={"scope": "per-group"})
        # u0: rows 1 and 2 both keep 4 of 6 (row 2 has more entropy); u1: row 3 keeps 1 of 2; row 5 keeps nothing.
        self.assertEqual([r.source for r in per_group], [2, 3])
        self.assertTrue(all(r.instruction and r.label for r in per_group))
        self.assertEqual(per_group[0].label, dict(serve.BRIEFING, keep=["length", "keyword_twice", "on_topic", "no_banned"]))
        global_ = verl_hir.plan_replays(rows, step=1, k=1, divisor=1)
        self.assertEqual([r.source for r in global_], [1, 2])
        self.assertEqual(verl_hir.plan_replays(rows, step=1, k=1, divisor=4), [])
        self.assertEqual(len(verl_hir.plan_replays(rows, step=1, k=2, divisor=2)), 2)

    def test_trim_keeps_the_best_in_source_order(self):
        rs = [verl_hir.Replay(s, "q", None, sc) for s, sc in [(0, 0.5), (3, 2.0), (5, 1.0)]]
        self.assertEqual([r.source for r in verl_hir.trim_to_multiple(rs, 2)], [3, 5])
        self.assertEqual(verl_hir.trim_to_multiple(rs, 1), rs)

    def test_replays_are_inserted_after_their_source_with_its_group_and_log_probs(self):
        data = make_batch()
        replays = verl_hir.plan_replays(self.rows(data), step=1, k=1, divisor=2, selection={"scope": "per-group"})
        ids = [[7, 8, 9], [7, 8, 9, 10, 11]]
        tensors, non, added = verl_hir.insert_replays(data.batch, data.non_tensor_batch, replays, ids, PAD)
        self.assertEqual(added, 2)
        # order: 0 1 2 R(2) 3 R(3) 4 5
        source_of = [0, 1, 2, 2, 3, 3, 4, 5]
        self.assertEqual(list(non["uid"]), [data.non_tensor_batch["uid"][s] for s in source_of])
        self.assertEqual(list(non["is_replay"]), [False, False, False, True, False, True, False, False])
        self.assertEqual(list(non["index"]), source_of)
        for name in ("responses", "response_mask", "old_log_probs", "ref_log_prob"):
            np.testing.assert_array_equal(tensors[name], data.batch[name][source_of], err_msg=name)
        for row, (src, prompt) in {3: (2, ids[0]), 5: (3, ids[1])}.items():
            expected_prompt = [PAD] * (P - len(prompt)) + prompt
            self.assertEqual(tensors["prompts"][row].tolist(), expected_prompt)
            self.assertEqual(tensors["input_ids"][row].tolist(), expected_prompt + data.batch["responses"][src].tolist())
            attention = [0] * (P - len(prompt)) + [1] * len(prompt) + data.batch["attention_mask"][src, P:].tolist()
            self.assertEqual(tensors["attention_mask"][row].tolist(), attention)
            self.assertEqual(tensors["position_ids"][row].tolist(), position_ids(np.array(attention)).tolist())
            last = int(data.batch["response_mask"][src].sum()) - 1
            reward = [0.0] * R
            reward[last] = 1.0
            self.assertEqual(tensors["token_level_scores"][row].tolist(), reward)
            self.assertEqual(tensors["advantages"][row].tolist(), [0.0] * R)
        # Originals are untouched.
        for row, src in [(0, 0), (2, 2), (4, 3), (7, 5)]:
            for name in data.batch:
                np.testing.assert_array_equal(tensors[name][row], data.batch[name][src], err_msg=name)
        self.assertEqual(len(non["uid"]) % 2, 0)

    def test_a_replay_prompt_wider_than_the_prompt_width_is_skipped(self):
        data = make_batch()
        replay = verl_hir.Replay(1, "q", None, 1.0)
        tensors, non, added = verl_hir.insert_replays(data.batch, data.non_tensor_batch, [replay], [list(range(P + 1))], PAD)
        self.assertEqual(added, 0)
        self.assertEqual(tensors["prompts"].shape[0], 6)
        self.assertFalse(any(non["is_replay"]))

    def test_entropy_and_messages(self):
        data = make_batch()
        mask = data.batch["response_mask"][1].astype(bool)
        self.assertAlmostEqual(verl_hir.mean_entropy(data.batch, 1), float(-data.batch["old_log_probs"][1][mask].mean()), places=5)
        raw = [{"role": "system", "content": "S"}, {"role": "user", "content": "old"}]
        self.assertEqual(verl_hir.replay_messages(raw, "new"), [{"role": "system", "content": "S"}, {"role": "user", "content": "new"}])
        self.assertEqual(raw[1]["content"], "old")
        self.assertEqual(verl_hir.replay_messages(None, "new"), [{"role": "user", "content": "new"}])

    def test_torch_tensors_give_the_same_batch_as_numpy(self):
        try:
            import torch
        except ImportError:
            self.skipTest("torch is not installed (verl's batches are torch tensors; numpy stands in)")
        data = make_batch()
        replays = [verl_hir.Replay(2, "q", None, 1.0), verl_hir.Replay(3, "q", None, 0.5)]
        ids = [[7, 8, 9], [7, 8, 9, 10, 11]]
        expected, expected_non, _ = verl_hir.insert_replays(data.batch, data.non_tensor_batch, replays, ids, PAD)
        as_torch = {k: torch.from_numpy(v.copy()) for k, v in data.batch.items()}
        got, got_non, added = verl_hir.insert_replays(as_torch, data.non_tensor_batch, replays, ids, PAD)
        self.assertEqual(added, 2)
        for name in expected:
            self.assertEqual(got[name].dtype, as_torch[name].dtype, name)
            np.testing.assert_array_equal(got[name].numpy(), expected[name], err_msg=name)
        self.assertEqual(list(got_non["uid"]), list(expected_non["uid"]))
        # The input batch is not modified.
        np.testing.assert_array_equal(as_torch["prompts"].numpy(), data.batch["prompts"])

    def test_verl_is_imported_only_when_used(self):
        import sys

        self.assertNotIn("verl", sys.modules)
        try:
            import verl  # noqa: F401
        except ImportError:
            with self.assertRaises(ImportError):
                verl_hir.hir_trainer_class()


if __name__ == "__main__":
    unittest.main()
