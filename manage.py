#!/usr/bin/env python
from xxgk.cli import main

if __name__ == "__main__":
    main()
