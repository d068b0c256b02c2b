"""Exports Ultralytics YOLO weights (a .pt file, or a model .yaml for a check without weights) to ONNX
as Lifestream's screen detector reads it: one square input, output [1, 4 + classes, candidates], no
NMS, fixed shapes, the class names and imgsz in the metadata. Run by scripts/models/ultralytics-export.ts
in the venv it makes."""
import argparse
import shutil

from ultralytics import YOLO

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--weights", required=True, help="yolo11n.pt, or yolo11n.yaml for untrained weights")
parser.add_argument("--imgsz", type=int, required=True)
parser.add_argument("--opset", type=int, required=True)
parser.add_argument("--out", required=True, help="where the .onnx goes")
args = parser.parse_args()

exported = YOLO(args.weights).export(
    format="onnx", imgsz=args.imgsz, opset=args.opset, nms=False, dynamic=False, simplify=False, batch=1
)
shutil.move(exported, args.out)
print(f"exported {args.weights} to {args.out}")
