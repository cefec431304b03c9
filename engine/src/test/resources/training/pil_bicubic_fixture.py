# Writes pil-bicubic.json: PIL BICUBIC resizes of a synthetic image, the reference's resize step.
# Run with python3 + Pillow (9.4.0 here); BicubicResamplerTest rebuilds the same source image by formula.
import json
import PIL
from PIL import Image

W, H = 13, 9

def value(c, y, x):
    return (x * 37 + y * 91 + c * 53 + x * y * 7) % 256

src = Image.new("RGB", (W, H))
src.putdata([tuple(value(c, y, x) for c in range(3)) for y in range(H) for x in range(W)])
cases = []
for (w, h) in [(7, 5), (20, 17), (13, 4), (3, 9), (31, 2)]:
    out = src.resize((w, h), Image.BICUBIC)
    px = list(out.getdata())
    planes = [px[i][c] for c in range(3) for i in range(w * h)]
    cases.append({"width": w, "height": h, "chw": planes})
gray = src.convert("L")
cases_gray = list(gray.getdata())
with open("pil-bicubic.json", "w") as f:
    json.dump({"srcWidth": W, "srcHeight": H, "pillow": PIL.__version__,
               "resizes": cases, "grayL": cases_gray}, f)
