#!/bin/bash
# Regenerates the numbers README.md quotes (see docs/readme/regenerate.py for the options).
exec /usr/bin/python3 "$(dirname "$0")/regenerate.py" "$@"
