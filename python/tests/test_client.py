import os
import socket
import unittest

import serve  # noqa: I001  (first: puts the repository's package on sys.path)
from hindsight_client import HindsightClient, HindsightError, default_client


class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = serve.start()

    def test_health_lists_the_contracts(self):
        health = default_client().health()
        self.assertTrue(health["ok"])
        self.assertIn("TeamBriefing", health["contracts"])

    def test_verify_and_hindsight(self):
        client = default_client()
        good, partial = client.verify([
            {"id": "g", "label": serve.BRIEFING, "response": serve.GOOD},
            {"id": "p", "label": serve.BRIEFING, "response": serve.PARTIAL},
        ])
        self.assertEqual((good["score"], partial["score"]), (1, 0))
        self.assertAlmostEqual(partial["fraction"], 4 / 6)
        h = client.hindsight([{"label": serve.BRIEFING, "response": serve.PARTIAL}])[0]
        self.assertEqual(h["outcome"], "rewrite")
        again = client.verify([{"label": h["label"], "response": serve.PARTIAL}])[0]
        self.assertEqual(again["score"], 1)

    def test_batches_are_split_and_kept_in_order(self):
        client = HindsightClient(batch_size=3)
        items = [{"id": i, "label": serve.BRIEFING, "response": serve.GOOD if i % 2 else serve.PARTIAL} for i in range(8)]
        results = client.verify(items)
        self.assertEqual([r["id"] for r in results], list(range(8)))
        self.assertEqual([r["score"] for r in results], [i % 2 for i in range(8)])

    def test_wrong_token_is_an_error_at_once(self):
        client = HindsightClient(token="wrong", retries=3, backoff=5)
        with self.assertRaises(HindsightError) as ctx:
            client.verify([{"label": serve.BRIEFING, "response": "x"}])
        self.assertEqual(ctx.exception.status, 401)
        self.assertNotIn("wrong", repr(client))

    def test_unreachable_server_is_retried_then_an_error(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        client = HindsightClient(url="http://127.0.0.1:%d" % port, retries=2, backoff=0.01, timeout=2)
        with self.assertRaises(HindsightError):
            client.health()

    def test_environment_configures_the_default_client(self):
        client = default_client()
        self.assertEqual(client.url, os.environ["HIR_SERVE_URL"])
        self.assertEqual(client.token, serve.TOKEN)


if __name__ == "__main__":
    unittest.main()
