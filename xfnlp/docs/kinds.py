"""The notice kinds (pure data, imported by the CLI at start-up: no heavy imports here).

>>> KIND_NAMES["opinion"]
'信访事项处理意见书'
"""

KINDS = ("accept", "reject", "opinion", "assign", "extend")

KIND_NAMES = {
    "accept": "信访事项受理告知书",
    "reject": "信访事项不予受理告知书",
    "opinion": "信访事项处理意见书",
    "assign": "信访事项交办单",
    "extend": "信访事项延期办理告知书",
}
