"""Builds and installs the `dhad` Python package (python/dhad) with its C++
extension, from a clone and without network:

    pip install --no-build-isolation .

The extension is built by CMake (python/CMakeLists.txt: the library from this
repository, then the pybind11 module over it) in build/py, which later builds
reuse; DHAD_BUILD_JOBS sets the build's parallelism (default: every core).
Needs Debian's cmake, ninja-build, g++, pybind11-dev, python3-dev and
python3-setuptools (scripts/setup.sh --dev installs them).
"""

import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))
BUILD_DIR = os.path.join(ROOT, "build", "py")
# egg_info writes there (not into python/); it runs before build_ext.
os.makedirs(BUILD_DIR, exist_ok=True)


def version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(dhad VERSION ([0-9.]+)", f.read()).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        jobs = os.environ.get("DHAD_BUILD_JOBS", str(os.cpu_count() or 1))
        os.makedirs(BUILD_DIR, exist_ok=True)
        configure = ["cmake", "-S", os.path.join(ROOT, "python"), "-B", BUILD_DIR,
                     f"-DPython3_EXECUTABLE={sys.executable}"]
        if not os.path.exists(os.path.join(BUILD_DIR, "CMakeCache.txt")):
            configure += ["-G", "Ninja"]
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", BUILD_DIR, "--target", "_dhad", "-j", jobs],
                       check=True)
        built = [f for f in os.listdir(BUILD_DIR) if f.startswith("_dhad.") and f.endswith(".so")]
        if len(built) != 1:
            raise RuntimeError(f"expected one _dhad*.so in {BUILD_DIR}, found {built}")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(BUILD_DIR, built[0]), target)


setup(
    name="dhad",
    version=version(),
    description="Arabic text engine: normalize, tokenize, segment, stem, correct",
    python_requires=">=3.9",
    package_dir={"": "python"},
    packages=["dhad"],
    package_data={"dhad": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("dhad._dhad", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
    options={"build": {"build_base": os.path.join("build", "py", "setuptools")},
             "egg_info": {"egg_base": os.path.join("build", "py")}},
)
