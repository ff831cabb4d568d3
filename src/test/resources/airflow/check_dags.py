"""Static checks of Airflow DAG files, for AirflowDagsTest (Airflow itself cannot be installed where the tests run).

    python3 check_dags.py operator-signatures.json DAG.py [DAG.py ...]

Prints one JSON object: for every DAG file, the operators it builds (class, keywords, deploy_mode) and every --config
value it passes (with the defaults of its Jinja Variable lookups filled in), and a list of violations:
- a keyword an operator's recorded signature (operator + BaseOperator) does not have, or ** that hides keywords;
- Variable.get outside a function (it would run every time the scheduler parses the file);
- no 'from airflow.sdk import ...' with an ImportError fallback (Airflow 3 with 2.9+ support);
- a SparkSubmitOperator without an explicit literal deploy_mode, or with files= (the config goes by URI).
"""
import ast
import json
import re
import sys

VARIABLE = re.compile(r"\{\{\s*var\.value\.get\(\s*'([^']+)'\s*,\s*'([^']*)'\s*\)\s*\}\}")


def name_of(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


class Module:
    """A DAG file's module-level string constants, so names like CONFIG resolve to what they hold."""

    def __init__(self, tree):
        self.constants = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = self.value(node.value)
                if value is not None:
                    self.constants[node.targets[0].id] = value

    def value(self, node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.value(node.left), self.value(node.right)
            return left + right if left is not None and right is not None else None
        return None


def module_level_calls(tree):
    """Calls that run when the file is imported: everywhere except inside function bodies."""
    calls = []

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return
        if isinstance(node, ast.Call):
            calls.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return calls


def imports_airflow_sdk_with_fallback(tree):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        sdk = any(isinstance(n, ast.ImportFrom) and (n.module or "").startswith("airflow.sdk") for n in node.body)
        fallback = any(
            name_of(h.type) in ("ImportError", "ModuleNotFoundError")
            and any(isinstance(n, ast.ImportFrom) and (n.module or "").startswith("airflow") for n in h.body)
            for h in node.handlers)
        if sdk and fallback:
            return True
    return False


def check(path, signatures):
    source = open(path, encoding="utf-8").read()
    tree = ast.parse(source, filename=path)
    module = Module(tree)
    base = set(signatures["base_operator"]["parameters"])
    operators, violations, configs = [], [], []

    if not imports_airflow_sdk_with_fallback(tree):
        violations.append("no 'from airflow.sdk import ...' with an ImportError fallback to Airflow 2 imports")

    for call in module_level_calls(tree):
        func = call.func
        if (isinstance(func, ast.Attribute) and func.attr == "get" and isinstance(func.value, ast.Name)
                and func.value.id == "Variable"):
            violations.append("line %d: Variable.get runs at parse time; use {{ var.value.get(...) }}" % call.lineno)

    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        operator = name_of(call.func)
        if operator not in signatures["operators"]:
            continue
        allowed = set(signatures["operators"][operator]["parameters"]) | base
        keywords = [k.arg for k in call.keywords]
        if None in keywords:
            violations.append("line %d: %s(**...) hides its keywords from this check" % (call.lineno, operator))
        for keyword in keywords:
            if keyword is not None and keyword not in allowed:
                violations.append("line %d: %s has no parameter '%s'" % (call.lineno, operator, keyword))
        found = {"class": operator, "line": call.lineno, "keywords": [k for k in keywords if k]}
        if operator == "SparkSubmitOperator":
            mode = next((module.value(k.value) for k in call.keywords if k.arg == "deploy_mode"), None)
            found["deploy_mode"] = mode
            if mode not in ("client", "cluster"):
                violations.append("line %d: SparkSubmitOperator needs deploy_mode='client' or 'cluster'" % call.lineno)
            if "files" in keywords:
                violations.append("line %d: files= ships the config; pass --config as a URI" % call.lineno)
        operators.append(found)

    for node in ast.walk(tree):
        if isinstance(node, ast.List):
            items = [module.value(e) for e in node.elts]
            for i, item in enumerate(items[:-1]):
                if item == "--config":
                    value = items[i + 1]
                    configs.append({"line": node.lineno, "value": value,
                                    "rendered": None if value is None else VARIABLE.sub(r"\2", value)})
    return {"operators": operators, "configs": configs, "violations": violations}


def main():
    signatures = json.load(open(sys.argv[1], encoding="utf-8"))
    print(json.dumps({path: check(path, signatures) for path in sys.argv[2:]}, indent=1))


if __name__ == "__main__":
    main()
