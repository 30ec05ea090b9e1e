"""Execute a notebook headlessly against a corpus, the way CI keeps examples from rotting.

Usage: python run_notebook.py NOTEBOOK OUT_DIR [EXECUTED_COPY]
The notebook reads the corpus from $CORPUSMILL_OUT; any cell that raises fails the run.
"""
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

notebook, out = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
os.environ["CORPUSMILL_OUT"] = str(out)
nb = nbformat.read(notebook, as_version=4)
client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}})
client.execute()
if len(sys.argv) > 3:
    nbformat.write(nb, sys.argv[3])
print(f"executed {sum(c.cell_type == 'code' for c in nb.cells)} code cells of {notebook}")
