"""Renders each PDF page to a small greyscale image with pdftoppm and fails
if a page cannot be rendered or is blank (one uniform shade)."""
import subprocess
import sys
import tempfile
from pathlib import Path


def read_pgm(path):
    data = path.read_bytes()
    # Header: P5 <width> <height> <maxval>, then one byte per pixel.
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        start = at
        while not data[at:at + 1].isspace():
            at += 1
        fields.append(data[start:at])
    return data[at + 1:]


def main(pdfs):
    failures = 0
    for pdf in pdfs:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", "24", "-gray", pdf, f"{tmp}/p"], check=True)
            pages = sorted(Path(tmp).glob("p-*.pgm"))
            if not pages:
                print(f"{pdf}: no page rendered")
                failures += 1
            for page in pages:
                pixels = read_pgm(page)
                if min(pixels) == max(pixels):
                    print(f"{pdf}: {page.name} is blank")
                    failures += 1
            print(f"{pdf}: {len(pages)} pages rendered")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
