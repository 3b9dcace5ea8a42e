"""The in-tree PEP 517 backend builds a complete wheel with the standard library alone."""
import csv
import io
import os
import sys
import tempfile
import unittest
import zipfile

import serve  # noqa: F401,I001  (puts the repository's package on sys.path)

sys.path.insert(0, os.path.join(serve.REPO, "python", "_build"))
import hindsight_build  # noqa: E402


class WheelTest(unittest.TestCase):
    def test_wheel_holds_every_module_with_a_matching_record(self):
        with tempfile.TemporaryDirectory() as d:
            name = hindsight_build.build_wheel(d)
            self.assertEqual(name, "hindsight_client-0.1.0-py3-none-any.whl")
            with zipfile.ZipFile(os.path.join(d, name)) as z:
                names = set(z.namelist())
                modules = {n for n in os.listdir(os.path.join(serve.REPO, "python", "hindsight_client")) if n.endswith(".py")}
                self.assertEqual({n.split("/", 1)[1] for n in names if n.startswith("hindsight_client/")}, modules)
                record = list(csv.reader(io.StringIO(z.read("hindsight_client-0.1.0.dist-info/RECORD").decode())))
                self.assertEqual({row[0] for row in record}, names)
                for path, digest, size in record:
                    if digest:
                        data = z.read(path)
                        self.assertEqual(digest, hindsight_build._digest(data), path)
                        self.assertEqual(int(size), len(data), path)
                self.assertIn("Requires-Python: >=3.9", z.read("hindsight_client-0.1.0.dist-info/METADATA").decode())
        self.assertEqual(hindsight_build.get_requires_for_build_wheel(), [])


if __name__ == "__main__":
    unittest.main()
