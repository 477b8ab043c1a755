"""Only to put resources/ (translations, icons, sample reports, the user guide, rule packs) into the wheel as
auditapp/_resources; everything else is in pyproject.toml. A checkout or an editable install reads resources/ in place
(see auditapp/resources.py)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"
PACKAGED = ("translations/*.qm", "icons/*", "samples/*.txt", "guide/*.md", "rulepacks/*.toml")


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "auditapp" / "_resources"
        for pattern in PACKAGED:
            for path in RESOURCES.glob(pattern):
                destination = target / path.relative_to(RESOURCES)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)


setup(cmdclass={"build_py": BuildPyWithResources})
