"""What pyproject.toml cannot declare: the screening modules listed in xxgk/screening/extensions.py, compiled with
Cython into C extensions at install time (the speed target of issue 14, bench/screening.py), each beside its
Python source, which stays the one source. Cython comes from `[build-system] requires` (pinned there).

Every extension is optional: without a C compiler or Python's headers the install goes on and those modules run
as Python (`make system-deps` installs both on Debian). `build_ext` records the sha256 of each source it compiled
in xxgk/screening/compiled_sources.json, so that an extension built from an older source is never used."""

import json
import os
import runpy
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE = Path("xxgk", "screening")
LISTING = runpy.run_path(str(ROOT / PACKAGE / "extensions.py"))

# {source under xxgk/screening: sha256} of the sources as they are cythonized now
DIGESTS = {source: LISTING["source_digest"](ROOT / PACKAGE / source) for source in LISTING["SOURCES"]}


class BuildExt(build_ext):
    def finalize_options(self):
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self):
        if self.inplace:  # an editable install: an old extension whose build fails now must not stay behind
            for ext in self.extensions:
                (ROOT / self.get_ext_filename(ext.name)).unlink(missing_ok=True)
        super().run()
        out = ROOT if self.inplace else Path(self.build_lib)
        built = {
            source: digest
            for source, digest in DIGESTS.items()
            if (out / self.get_ext_filename(LISTING["module_name"](source))).exists()
        }
        manifest = out / PACKAGE / LISTING["MANIFEST"]
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")


extensions = cythonize(
    [Extension(LISTING["module_name"](source), [(PACKAGE / source).as_posix()]) for source in LISTING["SOURCES"]],
    compiler_directives={"language_level": 3},
    build_dir="build/cython",  # the generated C stays out of the package
    force=True,  # always from the source as it is now, whatever the files' times
    quiet=True,
)
for extension in extensions:
    extension.optional = True  # a failed compile leaves the module to Python (cythonize drops this flag if given)

setup(ext_modules=extensions, cmdclass={"build_ext": BuildExt})
