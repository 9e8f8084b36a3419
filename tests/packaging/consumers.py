#!/usr/bin/env python3
"""Packaging test: a tiny consumer project (consumer.cpp) builds against ctnn
three ways, each in a fresh temporary directory, and its program runs:

  subproject  Meson, ctnn copied into the consumer's subprojects/ctnn, found
              by dependency('ctnn') through its fallback (forced, so that no
              installed ctnn can stand in); ctnn's own tests must stay off;
  pkg-config  ctnn configured with --prefix /usr/local and installed with
              `meson install --destdir`, found by dependency('ctnn') through
              pkg-config (PKG_CONFIG_PATH into the staging tree and
              PKG_CONFIG_SYSROOT_DIR, the usual way to use a staged .pc);
              the build must include the staged headers, not the source tree;
  cmake       the same installed tree, found by CMake's find_package(ctnn 0.1)
              through the installed ctnnConfig.cmake / ctnnConfigVersion.cmake
              (CMAKE_PREFIX_PATH), linked as the imported target ctnn::ctnn;
              find_package(ctnn 0.2) must fail (0.x: same minor version only).

Usage: consumers.py SOURCE_ROOT CONSUMER_CPP MESON CMAKE PKG_CONFIG -- CXX...

CMAKE or PKG_CONFIG may be "" when not installed: that way is then skipped,
and the test exits 77 (skipped) if the others pass. Nothing is downloaded
(--wrap-mode=nodownload). Prints one line per way, with its time.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

MESON_BUILD = """project('consumer', 'cpp',
  default_options : ['cpp_std=c++20', 'warning_level=3', 'werror=true'])
ctnn_dep = dependency('ctnn', version : '>=0.1.0', fallback : 'ctnn')
executable('consumer', 'consumer.cpp', dependencies : ctnn_dep)
"""

CMAKE_LISTS = """cmake_minimum_required(VERSION 3.16)
project(consumer CXX)
# ctnnConfigVersion.cmake: 0.1.x is not a 0.2.
find_package(ctnn 0.2 CONFIG QUIET)
if(ctnn_FOUND)
  message(FATAL_ERROR "find_package(ctnn 0.2) accepted ctnn ${ctnn_VERSION}")
endif()
find_package(ctnn 0.1 CONFIG REQUIRED)
message(STATUS "ctnn ${ctnn_VERSION} from ${ctnn_DIR}")
add_executable(consumer consumer.cpp)
target_link_libraries(consumer PRIVATE ctnn::ctnn)
target_compile_options(consumer PRIVATE -Wall -Wextra -Wpedantic -Werror)
"""

EXPECTED_OUTPUT = "consumer: J = "


class Failed(Exception):
    pass


def run(cmd, log, env=None, cwd=None):
    log.append("$ " + " ".join(cmd))
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    log.append(p.stdout + p.stderr)
    if p.returncode != 0:
        raise Failed(f"{' '.join(cmd[:2])} ... exited with {p.returncode}")
    return p.stdout


def check_program(exe, log):
    out = run([exe], log)
    if not out.startswith(EXPECTED_OUTPUT):
        raise Failed(f"the consumer printed {out!r}")
    return out.strip()


def consumer_dir(tmp, name, consumer_cpp, build_file, text):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    shutil.copy(consumer_cpp, d)
    with open(os.path.join(d, build_file), "w", encoding="utf-8") as f:
        f.write(text)
    return d


def include_dirs(builddir):
    """Every -I and -isystem directory of the consumer's compile commands, as
    absolute paths. (CMake passes an imported target's directories as -isystem.)"""
    with open(os.path.join(builddir, "compile_commands.json"), encoding="utf-8") as f:
        commands = json.load(f)
    dirs = []
    for c in commands:
        words = c.get("command", "").split()
        found = []
        for i, w in enumerate(words):
            if w in ("-I", "-isystem") and i + 1 < len(words):
                found.append(words[i + 1])
            elif w.startswith("-I") or (w.startswith("-isystem") and len(w) > 8):
                found.append(w[2:] if w.startswith("-I") else w[8:])
        dirs += [os.path.normpath(os.path.join(c.get("directory", builddir), x)) for x in found]
    return dirs


def copy_source(source, dest):
    """ctnn's tree as a user would drop it into subprojects/: without build
    directories or version-control files."""
    def ignore(path, names):
        if os.path.samefile(path, source):
            return [n for n in names if n.startswith("build") or n.startswith(".")]
        return []
    shutil.copytree(source, dest, ignore=ignore, symlinks=True)


def way_subproject(tmp, a, env, log):
    d = consumer_dir(tmp, "subproject", a["consumer"], "meson.build", MESON_BUILD)
    copy_source(a["source"], os.path.join(d, "subprojects", "ctnn"))
    b = os.path.join(d, "build")
    out = run([a["meson"], "setup", b, d, "--wrap-mode=nodownload", "--force-fallback-for=ctnn"], log, env)
    if "Subproject ctnn finished" not in out and "subproject ctnn" not in out.lower():
        raise Failed("meson did not use the ctnn subproject")
    run([a["meson"], "compile", "-C", b], log, env)
    if os.path.exists(os.path.join(b, "subprojects", "ctnn", "tests")):
        raise Failed("ctnn's tests were configured in the subproject (they should be off)")
    return check_program(os.path.join(b, "consumer"), log)


def install_ctnn(tmp, a, env, log):
    """ctnn installed into a staging tree, once for the pkg-config and CMake ways."""
    if "destdir" not in a:
        b = os.path.join(tmp, "ctnn-build")
        run([a["meson"], "setup", b, a["source"], "--prefix=/usr/local", "--wrap-mode=nodownload",
             "-Dtests=disabled", "-Dexamples=disabled", "-Dbenchmarks=disabled"], log, env)
        dest = os.path.join(tmp, "destdir")
        run([a["meson"], "install", "-C", b, "--destdir", dest], log, env)
        a["destdir"] = dest
        a["prefix"] = os.path.join(dest, "usr", "local")
    return a["destdir"], a["prefix"]


def way_pkg_config(tmp, a, env, log):
    dest, prefix = install_ctnn(tmp, a, env, log)
    pcs = [os.path.join(root, f) for root, _, files in os.walk(prefix) for f in files if f == "ctnn.pc"]
    if len(pcs) != 1:
        raise Failed(f"expected one installed ctnn.pc, found {pcs}")
    with open(pcs[0], encoding="utf-8") as f:
        pc = f.read()
    log.append(pc)
    # The .pc file speaks of the real prefix; the sysroot maps it into the staging tree.
    if "prefix=/usr/local\n" not in pc or "Cflags: -I${includedir}" not in pc:
        raise Failed("ctnn.pc does not say prefix=/usr/local and Cflags: -I${includedir}")
    env = dict(env, PKG_CONFIG_PATH=os.path.dirname(pcs[0]), PKG_CONFIG_SYSROOT_DIR=dest)
    d = consumer_dir(tmp, "pkg-config", a["consumer"], "meson.build", MESON_BUILD)
    b = os.path.join(d, "build")
    out = run([a["meson"], "setup", b, d, "--wrap-mode=nofallback", "--pkg-config-path",
               os.path.dirname(pcs[0])], log, env)
    if "Run-time dependency ctnn found: YES 0.1" not in out:
        raise Failed("meson did not find ctnn through pkg-config")
    run([a["meson"], "compile", "-C", b], log, env)
    staged = os.path.join(prefix, "include")
    dirs = include_dirs(b)
    if staged not in dirs or any(os.path.abspath(x).startswith(os.path.abspath(a["source"])) for x in dirs):
        raise Failed(f"the consumer's include path is {dirs}, expected the staged {staged}")
    return check_program(os.path.join(b, "consumer"), log)


def way_cmake(tmp, a, env, log):
    dest, prefix = install_ctnn(tmp, a, env, log)
    d = consumer_dir(tmp, "cmake", a["consumer"], "CMakeLists.txt", CMAKE_LISTS)
    b = os.path.join(d, "build")
    cxx = a["cxx"]
    cmd = [a["cmake"], "-S", d, "-B", b, "-G", "Ninja", f"-DCMAKE_PREFIX_PATH={prefix}",
           f"-DCMAKE_CXX_COMPILER={cxx[-1]}", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
           "-DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON"]
    if len(cxx) > 1:
        cmd.append("-DCMAKE_CXX_COMPILER_LAUNCHER=" + ";".join(cxx[:-1]))
    out = run(cmd, log, env)
    if f"from {prefix}/share/cmake/ctnn" not in out:
        raise Failed("CMake did not find the staged ctnnConfig.cmake")
    run([a["cmake"], "--build", b], log, env)
    staged = os.path.join(prefix, "include")
    if staged not in include_dirs(b):
        raise Failed(f"the consumer's include path lacks the staged {staged}")
    return check_program(os.path.join(b, "consumer"), log)


def main(argv):
    if "--" not in argv or argv.index("--") != 6:
        sys.exit(__doc__)
    source, consumer, meson, cmake, pkg_config = argv[1:6]
    a = {"source": os.path.abspath(source), "consumer": consumer, "meson": meson, "cmake": cmake,
         "cxx": argv[7:]}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PKG_CONFIG", "MESON"))}
    env["CXX"] = " ".join(a["cxx"])
    ways = [("subproject", way_subproject, None),
            ("pkg-config", way_pkg_config, pkg_config or None),
            ("cmake", way_cmake, cmake or None)]
    ways = [(n, f, "" if n == "subproject" else tool) for n, f, tool in ways]
    failed = skipped = 0
    print(f"compiler: {env['CXX']}")
    with tempfile.TemporaryDirectory(prefix="ctnn-packaging-") as tmp:
        for name, way, tool in ways:
            if tool is None:
                print(f"SKIP {name}: {'cmake' if name == 'cmake' else 'pkg-config'} is not installed")
                skipped += 1
                continue
            log = []
            start = time.monotonic()
            try:
                result = way(tmp, a, env, log)
                print(f"ok   {name} ({time.monotonic() - start:.1f} s): {result}")
            except (Failed, OSError) as e:
                failed += 1
                print(f"FAIL {name} ({time.monotonic() - start:.1f} s): {e}")
                print("\n".join("    " + line for entry in log for line in entry.splitlines()))
    if failed:
        return 1
    return 77 if skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
