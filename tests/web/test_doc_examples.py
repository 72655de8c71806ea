"""Every GET example of the README and docs/api.md, run as written with the real curl against the API.

Writes (``-X``, keys) and downloads (``-o``) are left out; an example whose comment promises a 404
must answer 404, every other one 2xx.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from graph import PROJECT_ROOT

DOCS = ("README.md", "docs/api.md")


def examples() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = (PROJECT_ROOT / doc).read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
            for line in block.replace("\\\n", " ").splitlines():
                command = re.split(r"\s#\s", line, maxsplit=1)[0].strip()
                if (
                    not command.startswith("curl ")
                    or " -X " in command
                    or "$KEY" in command
                    or " -o " in command
                ):
                    continue
                found.append((doc, line.strip()))
    return found


EXAMPLES = examples()


def test_the_docs_have_examples_with_names():
    assert len(EXAMPLES) > 20
    assert any("--data-urlencode q=雄业" in line for _, line in EXAMPLES)
    assert any("/entities/太保镇" in line for _, line in EXAMPLES)


@pytest.mark.parametrize(("doc", "line"), EXAMPLES, ids=[f"{d}:{i}" for i, (d, _) in enumerate(EXAMPLES)])
def test_example_works_as_written(api_server, doc, line):
    assert shutil.which("curl"), "curl is needed to run the documented examples"
    command = re.split(r"\s#\s", line, maxsplit=1)[0].strip().replace("http://127.0.0.1:8000", api_server)
    out = subprocess.run(
        ["bash", "-c", f"{command} -o /dev/null -w '%{{http_code}}'"],
        env={"API": api_server, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    status = out.stdout.strip()
    expected = "404" if "404" in line else "2"
    assert status.startswith(expected), f"{doc}: {line} → {status} {out.stderr}"
