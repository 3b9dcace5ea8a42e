"""An in-tree PEP 517 build backend that needs nothing but the standard library.

`pip install ./python` then works offline, without setuptools or wheel: the
package is pure Python, so a wheel is a zip of `hindsight_client/` plus the
`.dist-info` files (METADATA, WHEEL, RECORD). Also builds sdists and PEP 660
editable wheels (a `.pth` file pointing at this folder).
"""
import base64
import hashlib
import io
import os
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "hindsight_client"
DIST = "hindsight_client"
VERSION = "0.1.0"
TAG = "py3-none-any"
SUMMARY = "Standard-library client for `hir serve`: verifier rewards and hindsight replays for verl, OpenRLHF and TRL"


def _metadata():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    return (
        "Metadata-Version: 2.1\n"
        "Name: hindsight-client\n"
        "Version: %s\n"
        "Summary: %s\n"
        "License: Apache-2.0\n"
        "Requires-Python: >=3.9\n"
        "Description-Content-Type: text/markdown\n\n%s" % (VERSION, SUMMARY, readme)
    )


def _wheel_file():
    return "Wheel-Version: 1.0\nGenerator: hindsight_build\nRoot-Is-Purelib: true\nTag: %s\n" % TAG


def _package_files():
    base = os.path.join(ROOT, NAME)
    for name in sorted(os.listdir(base)):
        if name.endswith(".py"):
            yield "%s/%s" % (NAME, name), os.path.join(base, name)


def _digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def _write_wheel(directory, entries):
    info = "%s-%s.dist-info" % (DIST, VERSION)
    files = list(entries) + [
        ("%s/METADATA" % info, _metadata().encode("utf-8")),
        ("%s/WHEEL" % info, _wheel_file().encode("utf-8")),
    ]
    record = "".join("%s,%s,%d\n" % (arc, _digest(data), len(data)) for arc, data in files) + "%s/RECORD,,\n" % info
    name = "%s-%s-%s.whl" % (DIST, VERSION, TAG)
    with zipfile.ZipFile(os.path.join(directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data in files + [("%s/RECORD" % info, record.encode("utf-8"))]:
            z.writestr(zipfile.ZipInfo(arc, date_time=(2020, 1, 1, 0, 0, 0)), data)
    return name


def get_requires_for_build_wheel(config_settings=None):
    return []


get_requires_for_build_sdist = get_requires_for_build_wheel
get_requires_for_build_editable = get_requires_for_build_wheel


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    entries = []
    for arc, path in _package_files():
        with open(path, "rb") as f:
            entries.append((arc, f.read()))
    return _write_wheel(wheel_directory, entries)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, [("%s.pth" % DIST, (ROOT + "\n").encode("utf-8"))])


def build_sdist(sdist_directory, config_settings=None):
    base = "%s-%s" % (DIST, VERSION)
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as tar:
        for rel in ["pyproject.toml", "README.md", "_build/hindsight_build.py"] + [arc for arc, _ in _package_files()]:
            tar.add(os.path.join(ROOT, rel), arcname="%s/%s" % (base, rel))
        pkg_info = _metadata().encode("utf-8")
        ti = tarfile.TarInfo("%s/PKG-INFO" % base)
        ti.size = len(pkg_info)
        tar.addfile(ti, io.BytesIO(pkg_info))
    return name
