# Sourced by build.sh and test.sh: makes .venv, if missing, with the Python chosen below.
#
# $PYTHON when set; else the distribution's own python3 when it is 3.11 or newer and can make a virtual environment
# (a cold 10,000-event build takes 10-13 % less CPU time on Debian's statically linked 3.11 than on a version
# manager's default build of 3.11, with a shared libpython and no profile-guided optimization: docs/performance.md);
# else python3 on the PATH.
make_venv() {
  [ -x .venv/bin/python ] && return
  local python="${PYTHON:-}"
  if [ -z "$python" ]; then
    python=python3
    if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python=/usr/bin/python3
    fi
  fi
  "$python" -m venv .venv
}
make_venv
