"""Each engine adapter called exactly the way the engine's call site calls it.

verl (v0.7): the naive/reward-loop managers call ``compute_score`` with keywords,
the prime manager positionally, the batch manager ``compute_score(data_sources=,
solution_strs=, ground_truths=, extra_infos=, **reward_kwargs)``; the reward loop
stacks every extra key with ``np.array`` (keys from the first row) and awaits
``async def`` functions. OpenRLHF: ``reward_func(queries, prompts, labels)``.
TRL: ``reward_func(prompts=, completions=, completion_ids=, trainer_state=,
log_extra=, log_metric=, **columns)``, coroutine functions detected with
``inspect.iscoroutinefunction``.
"""
import asyncio
import inspect
import json
import unittest

import serve  # noqa: I001  (first: puts the repository's package on sys.path)
from hindsight_client import openrlhf, trl, verl

try:
    import numpy as np
except ImportError:  # the stacking checks need numpy; CI installs python3-numpy
    np = None

GT = json.dumps(serve.BRIEFING)


def setUpModule():
    serve.start()


class VerlTest(unittest.TestCase):
    def test_keywords_as_the_naive_manager(self):
        r = verl.compute_score(data_source="hir", solution_str=serve.GOOD, ground_truth=GT, extra_info={"index": 0})
        self.assertEqual(r["score"], 1.0)
        self.assertEqual(r["error"], "")

    def test_positional_as_the_prime_manager_with_reward_kwargs(self):
        r = verl.compute_score("hir", serve.PARTIAL, GT, None, some_reward_kwarg=1)
        self.assertEqual(r["score"], 0.0)
        self.assertAlmostEqual(r["fraction"], 4 / 6)
        self.assertEqual((r["passed"], r["total"], r["unknown"]), (4, 6, 0))

    def test_plural_keywords_as_the_batch_manager(self):
        rows = verl.compute_score_batch(
            data_sources=["hir"] * 3,
            solution_strs=[serve.GOOD, serve.PARTIAL, "anything"],
            ground_truths=[GT, serve.BRIEFING, "{\"contract\": \"NoSuch\"}"],
            extra_infos=[{}, {}, {}],
        )
        self.assertEqual([r["score"] for r in rows], [1.0, 0.0, 0.0])
        self.assertIn("NoSuch", rows[2]["error"])
        self.assertEqual(len({tuple(sorted(r)) for r in rows}), 1, "every row has the same keys")

    def test_async_form_is_detected_and_awaited(self):
        self.assertTrue(inspect.iscoroutinefunction(verl.compute_score_async))
        self.assertFalse(inspect.iscoroutinefunction(verl.compute_score))
        r = asyncio.run(verl.compute_score_async(data_source="hir", solution_str=serve.GOOD, ground_truth=GT, extra_info=None))
        self.assertEqual(r["score"], 1.0)

    @unittest.skipIf(np is None, "numpy is not installed (apt-get install python3-numpy)")
    def test_extras_stack_with_np_array_as_the_reward_loop(self):
        # parquet gives nested lists back as numpy arrays: an IFEval ground truth arrives like this.
        ifeval = {"instruction_id_list": np.array(serve.IFEVAL["instruction_id_list"], dtype=object), "kwargs": np.array(serve.IFEVAL["kwargs"], dtype=object)}
        results = [
            verl.compute_score("hir", serve.GOOD, GT, {}),
            verl.compute_score("ifeval", "hello there, friend", ifeval, {}),
            verl.compute_score("hir", "x", "not a label", {}),
        ]
        self.assertEqual(results[1]["fraction"], 0.5)
        keys = [k for k in results[0] if k != "score"]
        for key in keys:
            stacked = np.array([r[key] for r in results])
            self.assertEqual(stacked.shape, (3,), key)
            self.assertNotEqual(stacked.dtype, object, key)


class OpenRLHFTest(unittest.TestCase):
    def test_positional_call_with_query_holding_prompt_and_response(self):
        prompts = ["<|user|>Write a briefing<|assistant|>", "<|user|>Write a briefing<|assistant|>"]
        queries = [prompts[0] + serve.GOOD, prompts[1] + serve.PARTIAL]
        out = openrlhf.reward_func(queries, prompts, [GT, GT])
        self.assertEqual([float(x) for x in out["rewards"]], [1.0, 0.0])
        self.assertEqual([float(x) for x in out["scores"]], [1.0, 0.0])
        for name, values in out["extra_logs"].items():
            self.assertEqual(len(values), 2, name)
            self.assertTrue(all(isinstance(float(v), float) for v in values), name)

    def test_keywords_and_one_sample_per_request(self):
        out = openrlhf.reward_func(queries=["P" + serve.PARTIAL], prompts=["P"], labels=[GT])
        self.assertEqual([float(x) for x in out["rewards"]], [0.0])
        self.assertAlmostEqual(float(out["extra_logs"]["hir_fraction"][0]), 4 / 6, places=5)


class TRLTest(unittest.TestCase):
    def call(self, fn, completions, **columns):
        return fn(
            prompts=["Write a briefing."] * len(completions),
            completions=completions,
            completion_ids=[[1, 2, 3]] * len(completions),
            trainer_state=None,
            log_extra=lambda *a, **k: None,
            log_metric=lambda *a, **k: None,
            **columns,
        )

    def test_keywords_and_dataset_columns(self):
        scores = self.call(trl.hindsight_reward, [serve.GOOD, serve.PARTIAL, "x"], label=[GT, GT, None], other_column=[1, 2, 3])
        self.assertEqual(scores, [1.0, 0.0, None])
        fractions = self.call(trl.hindsight_fraction_reward, [serve.PARTIAL], ground_truth=[serve.BRIEFING])
        self.assertAlmostEqual(fractions[0], 4 / 6)

    def test_conversational_completions(self):
        completions = [[{"role": "assistant", "content": serve.GOOD}]]
        prompts = [[{"role": "user", "content": "Write a briefing."}]]
        self.assertEqual(trl.hindsight_reward(prompts=prompts, completions=completions, completion_ids=[[1]], label=[GT]), [1.0])

    def test_no_label_column_means_not_applicable(self):
        self.assertEqual(self.call(trl.hindsight_reward, ["a", "b"]), [None, None])

    def test_async_detection_as_trl_does(self):
        self.assertFalse(inspect.iscoroutinefunction(trl.hindsight_reward))
        self.assertTrue(inspect.iscoroutinefunction(trl.hindsight_reward_async))
        self.assertTrue(asyncio.iscoroutinefunction(trl.hindsight_reward_async))

        class WithAsyncCall:
            async def __call__(self, **kwargs):
                return []

        # Why the package offers no callable object: TRL would not await this.
        self.assertFalse(inspect.iscoroutinefunction(WithAsyncCall()))
        scores = asyncio.run(trl.hindsight_reward_async(prompts=["p"], completions=[serve.GOOD], completion_ids=[[1]], label=[GT]))
        self.assertEqual(scores, [1.0])
        self.assertEqual(trl.hindsight_reward.__name__, "hindsight_reward")


if __name__ == "__main__":
    unittest.main()
