#!/usr/bin/env python3
"""Generated CodePipeline declarations, judged by the CodePipeline service model botocore ships.

Used by tests/integration/pipeline_api.rs. Reads CreatePipeline's input shapes from botocore's
`codepipeline` service model, builds seeded variations of a valid pipeline whose values are drawn
from those shapes (at, inside and just outside each length, range, pattern and enum, and with
required members left out), and says for each whether CreatePipeline would reject it.

The verdict applies every constraint in the shapes: required members, types, min and max
lengths and sizes, integer ranges, enums, and patterns (matched against the whole value, as the
service does, with ASCII classes as in Java). botocore's own ParamValidator checks only some of
these (required members, types, minimums); its report is added to ours.

Output: JSON lines on stdout. The first line describes the model
({"botocore": version, "api_version": ..., "sites": [...]}); each further line is one pipeline:
{"id": n, "sites": [...], "input": {"pipeline": {...}}, "rejected": bool, "reasons": [...]}.

Exit status 3 (with a message on stderr) when botocore is not installed.
"""

import argparse
import copy
import json
import random
import re
import sys

try:
    import botocore
    import botocore.session
    from botocore.validate import ParamValidator
except ImportError:  # pragma: no cover - depends on the machine
    print("botocore is not installed (python3 -m pip install botocore)", file=sys.stderr)
    sys.exit(3)


# ---------------------------------------------------------------- the model's verdict


def _pattern(shape):
    pattern = shape.metadata.get("pattern")
    # Java's \w and \d are ASCII-only; Python's are Unicode unless told otherwise.
    return re.compile(pattern, re.ASCII) if pattern is not None else None


def violations(shape, value, path="pipeline"):
    """Every constraint of `shape` that `value` breaks, as readable strings."""
    out = []
    kind = shape.type_name
    meta = shape.metadata
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{path}: expected an object"]
        for name in meta.get("required", []):
            if name not in value:
                out.append(f"{path}: missing required member {name}")
        for name, member_value in value.items():
            member = shape.members.get(name)
            if member is None:
                out.append(f"{path}: unknown member {name}")
            else:
                out.extend(violations(member, member_value, f"{path}.{name}"))
    elif kind == "list":
        if not isinstance(value, list):
            return [f"{path}: expected a list"]
        out.extend(_size(meta, len(value), path, "items"))
        for i, item in enumerate(value):
            out.extend(violations(shape.member, item, f"{path}[{i}]"))
    elif kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected a map"]
        out.extend(_size(meta, len(value), path, "entries"))
        for key, item in value.items():
            out.extend(violations(shape.key, key, f"{path} key {key!r}"))
            out.extend(violations(shape.value, item, f"{path}[{key!r}]"))
    elif kind == "string":
        if not isinstance(value, str):
            return [f"{path}: expected a string"]
        out.extend(_size(meta, len(value), path, "characters"))
        enum = meta.get("enum")
        if enum is not None and value not in enum:
            out.append(f"{path}: {value!r} is not one of {enum}")
        pattern = _pattern(shape)
        if pattern is not None and pattern.fullmatch(value) is None:
            out.append(f"{path}: {value!r} does not match {pattern.pattern}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{path}: expected an integer"]
        if "min" in meta and value < meta["min"]:
            out.append(f"{path}: {value} is below {meta['min']}")
        if "max" in meta and value > meta["max"]:
            out.append(f"{path}: {value} is above {meta['max']}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            out.append(f"{path}: expected true or false")
    return out


def _size(meta, n, path, unit):
    out = []
    if "min" in meta and n < meta["min"]:
        out.append(f"{path}: {n} {unit}, fewer than {meta['min']}")
    if "max" in meta and n > meta["max"]:
        out.append(f"{path}: {n} {unit}, more than {meta['max']}")
    return out


# ---------------------------------------------------------------- values from the shapes

BAD_CHARS = [" ", "/", "*", ":", "#", "+", "=", ",", "é", "$"]


def string_values(shape, rng, fill="a"):
    """Candidate values for a string shape: valid ones at and inside its bounds, and ones
    that break each of its constraints. Returns [(value, valid_by_construction_hint)]."""
    meta = shape.metadata
    enum = meta.get("enum")
    if enum is not None:
        values = [(v, True) for v in enum]
        values += [(enum[0].lower(), False), (enum[0] + "X", False), ("", False)]
        return values
    low = max(meta.get("min", 0), 1)
    high = meta.get("max", 200)
    values = [(fill * low, True), (fill * min(high, low + 5), True), (fill * high, True)]
    values.append((fill * (high + 1), False))
    if meta.get("min", 0) > 0:
        values.append((fill * (meta["min"] - 1), False))
    if _pattern(shape) is not None:
        base = fill * min(high, low + 4)
        bad = rng.choice(BAD_CHARS)
        # Never in front: a leading "!" reads as a CloudFormation intrinsic in our model.
        at = rng.randrange(1, len(base) + 1)
        values.append((base[:at] + bad + base[at:], False))
    return values


def pick_string(shape, rng, fill="a"):
    return rng.choice(string_values(shape, rng, fill))[0]


def int_values(shape):
    meta = shape.metadata
    low, high = meta.get("min", 0), meta.get("max", 10_000)
    return [low, low + 1, (low + high) // 2, high, low - 1, high + 1, -1, 0]


# ---------------------------------------------------------------- the pipelines


def base_pipeline(n):
    def action(name, category, provider, config, inputs, outputs):
        out = {
            "name": name,
            "actionTypeId": {
                "category": category,
                "owner": "AWS",
                "provider": provider,
                "version": "1",
            },
            "runOrder": 1,
            "configuration": config,
            "outputArtifacts": [{"name": o} for o in outputs],
            "inputArtifacts": [{"name": i} for i in inputs],
        }
        return out

    return {
        "name": f"generated-{n}",
        "roleArn": "arn:aws:iam::111122223333:role/PipelineServiceRole",
        "artifactStore": {"type": "S3", "location": "pipeline-artifacts-111122223333"},
        "stages": [
            {
                "name": "Source",
                "actions": [
                    action(
                        "Checkout",
                        "Source",
                        "CodeCommit",
                        {"RepositoryName": "app", "BranchName": "main"},
                        [],
                        ["SourceOutput"],
                    )
                ],
            },
            {
                "name": "Build",
                "actions": [
                    action(
                        "Compile",
                        "Build",
                        "CodeBuild",
                        {"ProjectName": "app-build"},
                        ["SourceOutput"],
                        ["BuildOutput"],
                    )
                ],
            },
            {
                "name": "Deploy",
                "actions": [
                    action(
                        "Release",
                        "Deploy",
                        "CodeDeploy",
                        {"ApplicationName": "app", "DeploymentGroupName": "prod"},
                        ["BuildOutput"],
                        [],
                    )
                ],
            },
        ],
        "version": 1,
    }


class Shapes:
    """The CreatePipeline input shapes the sites draw values from."""

    def __init__(self, model):
        op = model.operation_model("CreatePipeline")
        self.input = op.input_shape
        self.pipeline = self.input.members["pipeline"]
        p = self.pipeline.members
        self.name = p["name"]
        self.role_arn = p["roleArn"]
        self.store = p["artifactStore"]
        self.stores = p["artifactStores"]
        self.version = p["version"]
        self.pipeline_type = p["pipelineType"]
        self.execution_mode = p["executionMode"]
        self.variables = p["variables"]
        self.triggers = p["triggers"]
        stage = p["stages"].member
        self.stage = stage
        action = stage.members["actions"].member
        self.action = action
        self.type_id = action.members["actionTypeId"]
        self.config = action.members["configuration"]
        self.artifact = action.members["outputArtifacts"].member


def actions_of(pipeline):
    return [a for s in pipeline["stages"] for a in s["actions"]]


def non_source_actions(pipeline):
    return [a for s in pipeline["stages"][1:] for a in s["actions"]]


def make_sites(sh):
    """Each site changes one place of a pipeline to a value drawn from that place's shape."""

    def set_name(p, rng):
        p["name"] = pick_string(sh.name, rng)

    def set_role(p, rng):
        valid = [
            "arn:aws:iam::111122223333:role/Pipeline",
            "arn:aws-cn:iam::111122223333:role/path/Pipeline",
            "arn:aws-us-gov:iam::111122223333:role/Pipeline_1",
        ]
        invalid = [
            "",
            "PipelineServiceRole",
            "arn:aws:iam::11112222333:role/Pipeline",
            "arn:aws:iam::111122223333:user/Pipeline",
            "arn:aws:sts::111122223333:role/Pipeline",
            "arn:aws-:iam::111122223333:role/Pipeline",
            "arn:aws:iam::111122223333:role/" + "r" * 1000,
            "arn:aws:iam:us-east-1:111122223333:role/Pipeline",
        ]
        choice = rng.random()
        if choice < 0.15:
            del p["roleArn"]
        elif choice < 0.5:
            p["roleArn"] = rng.choice(valid)
        else:
            p["roleArn"] = rng.choice(invalid)

    def set_location(p, rng):
        location = sh.store.members["location"]
        p["artifactStore"]["location"] = pick_string(location, rng, fill="b")

    def set_store_type(p, rng):
        p["artifactStore"]["type"] = pick_string(sh.store.members["type"], rng)

    def drop_store_member(p, rng):
        del p["artifactStore"][rng.choice(["type", "location"])]

    def set_stores(p, rng):
        region_shape = sh.stores.key
        location = sh.store.members["location"]
        region = rng.choice(
            ["us-east-1", "eu-west-1", "ap-southeast-2", pick_string(region_shape, rng, fill="r")]
        )
        del p["artifactStore"]
        p["artifactStores"] = {
            region: {"type": "S3", "location": pick_string(location, rng, fill="b")}
        }

    def set_key(p, rng):
        key_shape = sh.store.members["encryptionKey"]
        key = {
            "id": pick_string(key_shape.members["id"], rng, fill="k"),
            "type": pick_string(key_shape.members["type"], rng),
        }
        if rng.random() < 0.2:
            del key[rng.choice(["id", "type"])]
        p["artifactStore"]["encryptionKey"] = key

    def set_stage_name(p, rng):
        index = rng.randrange(len(p["stages"]))
        stage = p["stages"][index]
        stage["name"] = pick_string(sh.stage.members["name"], rng, fill="s")
        names = [s["name"] for s in p["stages"]]
        if len(set(names)) != len(names):
            stage["name"] = stage["name"][:-1] + str(index)

    def set_action_name(p, rng):
        rng.choice(actions_of(p))["name"] = pick_string(sh.action.members["name"], rng, fill="n")

    def set_category(p, rng):
        # Only to the action's own category or to values outside the enum: another valid
        # category would break the structure rules, which the model does not know.
        action = rng.choice(actions_of(p))
        enum = sh.type_id.members["category"].metadata["enum"]
        action["actionTypeId"]["category"] = rng.choice(
            [action["actionTypeId"]["category"], "source", "Builds", "", enum[0] + " "]
        )

    def set_owner(p, rng):
        action = rng.choice(actions_of(p))
        action["actionTypeId"]["owner"] = rng.choice(["AWS", "aws", "Amazon", ""])

    def set_provider(p, rng):
        action = rng.choice(non_source_actions(p))
        action["actionTypeId"]["provider"] = pick_string(
            sh.type_id.members["provider"], rng, fill="P"
        )

    def set_type_version(p, rng):
        action = rng.choice(actions_of(p))
        action["actionTypeId"]["version"] = pick_string(
            sh.type_id.members["version"], rng, fill="1"
        )

    def drop_type_member(p, rng):
        action = rng.choice(actions_of(p))
        del action["actionTypeId"][rng.choice(["category", "owner", "provider"])]

    def drop_type_version(p, rng):
        del rng.choice(actions_of(p))["actionTypeId"]["version"]

    def drop_required(p, rng):
        choice = rng.choice(["name", "stages", "stage.name", "stage.actions", "action.name",
                             "action.actionTypeId", "artifact.name"])
        if choice in ("name", "stages"):
            del p[choice]
        elif choice.startswith("stage."):
            del rng.choice(p["stages"])[choice.split(".")[1]]
        elif choice.startswith("action."):
            del rng.choice(actions_of(p))[choice.split(".")[1]]
        else:
            del p["stages"][0]["actions"][0]["outputArtifacts"][0]["name"]

    def set_run_order(p, rng):
        rng.choice(actions_of(p))["runOrder"] = rng.choice(
            int_values(sh.action.members["runOrder"])
        )

    def set_config(p, rng):
        action = rng.choice(actions_of(p))
        if rng.random() < 0.5:
            key = pick_string(sh.config.key, rng, fill="K")
            action["configuration"][key] = "value"
        else:
            key = rng.choice(sorted(action["configuration"]))
            action["configuration"][key] = pick_string(sh.config.value, rng, fill="v")

    def set_artifact_name(p, rng):
        old = rng.choice(["SourceOutput", "BuildOutput"])
        new = pick_string(sh.artifact.members["name"], rng, fill="A")
        if new in ("SourceOutput", "BuildOutput"):
            return
        for action in actions_of(p):
            for key in ("inputArtifacts", "outputArtifacts"):
                for artifact in action[key]:
                    if artifact["name"] == old:
                        artifact["name"] = new

    def set_action_role(p, rng):
        action = rng.choice(non_source_actions(p))
        action["roleArn"] = rng.choice(
            [
                "arn:aws:iam::444455556666:role/CrossAccountDeployer",
                "arn:aws:iam::444455556666:role",
                "CrossAccountDeployer",
                "",
            ]
        )

    def set_region(p, rng):
        action = rng.choice(non_source_actions(p))
        action["region"] = rng.choice(
            ["us-west-2", "eu-central-1"]
            + [v for v, _ in string_values(sh.action.members["region"], rng, fill="r")]
        )

    def set_namespace(p, rng):
        action = rng.choice(actions_of(p))
        action["namespace"] = pick_string(sh.action.members["namespace"], rng, fill="N")

    def set_timeout(p, rng):
        action = rng.choice(non_source_actions(p))
        action["timeoutInMinutes"] = rng.choice(int_values(sh.action.members["timeoutInMinutes"]))

    def set_pipeline_type(p, rng):
        p["pipelineType"] = pick_string(sh.pipeline_type, rng)

    def set_execution_mode(p, rng):
        p["pipelineType"] = "V2"
        p["executionMode"] = pick_string(sh.execution_mode, rng)

    def set_variables(p, rng):
        member = sh.variables.member.members
        count = rng.choice([1, 2, 50, 51])
        variables = [{"name": f"Var{i}"} for i in range(count)]
        target = rng.choice(variables)
        target["name"] = pick_string(member["name"], rng, fill="V") + "_t"[: rng.randrange(3)]
        if rng.random() < 0.5:
            target["defaultValue"] = pick_string(member["defaultValue"], rng, fill="d")
        if rng.random() < 0.3:
            target["description"] = rng.choice(["", "d" * 200, "d" * 201])
        names = [v["name"] for v in variables]
        if len(set(names)) != len(names):
            target["name"] = "Unique_" + str(count)
        p["pipelineType"] = "V2"
        p["variables"] = variables

    def set_version(p, rng):
        p["version"] = rng.choice(int_values(sh.version))

    def set_trigger(p, rng):
        git = sh.triggers.member.members["gitConfiguration"]
        p["pipelineType"] = "V2"
        p["triggers"] = [
            {
                "providerType": pick_string(sh.triggers.member.members["providerType"], rng),
                "gitConfiguration": {
                    "sourceActionName": pick_string(git.members["sourceActionName"], rng, fill="n"),
                    "push": [{"branches": {"includes": ["main"]}}],
                },
            }
        ]

    sites = {
        "name": set_name,
        "roleArn": set_role,
        "artifactStore.location": set_location,
        "artifactStores": set_stores,
        "artifactStore.encryptionKey": set_key,
        "stage.name": set_stage_name,
        "action.name": set_action_name,
        "actionTypeId.category": set_category,
        "actionTypeId.owner": set_owner,
        "actionTypeId.provider": set_provider,
        "actionTypeId.version": set_type_version,
        "missing:actionTypeId.member": drop_type_member,
        "missing:required": drop_required,
        "runOrder": set_run_order,
        "configuration": set_config,
        "artifact.name": set_artifact_name,
        "action.roleArn": set_action_role,
        "action.region": set_region,
        "action.namespace": set_namespace,
        "action.timeoutInMinutes": set_timeout,
        "pipelineType": set_pipeline_type,
        "executionMode": set_execution_mode,
        "variables": set_variables,
        # Places the diagram model may not keep yet; the test names the ones it skips.
        "artifactStore.type": set_store_type,
        "missing:artifactStore.member": drop_store_member,
        "missing:actionTypeId.version": drop_type_version,
        "version": set_version,
        "triggers": set_trigger,
    }
    return sites


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--skip-sites", default="", help="comma-separated sites not to vary")
    args = parser.parse_args()

    session = botocore.session.get_session()
    model = session.get_service_model("codepipeline")
    shapes = Shapes(model)
    skip = {s for s in args.skip_sites.split(",") if s}
    all_sites = make_sites(shapes)
    unknown = skip - set(all_sites)
    if unknown:
        print(f"unknown sites to skip: {sorted(unknown)}", file=sys.stderr)
        sys.exit(2)
    sites = {k: v for k, v in all_sites.items() if k not in skip}
    names = sorted(sites)
    print(
        json.dumps(
            {
                "botocore": botocore.__version__,
                "api_version": model.api_version,
                "sites": names,
                "skipped_sites": sorted(skip),
            }
        )
    )
    rng = random.Random(args.seed)
    validator = ParamValidator()
    for n in range(args.count):
        pipeline = base_pipeline(n)
        # One pipeline in ten is left as it is, so that valid pipelines are judged too.
        chosen = [] if n % 10 == 0 else rng.sample(names, rng.choice([1, 1, 2, 3]))
        # Leaving members out comes last, so that the other sites find what they change.
        chosen.sort(key=lambda site: site.startswith("missing:"))
        applied = []
        for site in chosen:
            try:
                sites[site](pipeline, rng)
                applied.append(site)
            except (KeyError, IndexError):
                pass  # The place is gone (e.g. artifactStore replaced by artifactStores).
        chosen = applied
        params = {"pipeline": pipeline}
        reasons = violations(shapes.pipeline, pipeline)
        report = validator.validate(params, shapes.input)
        if report.has_errors():
            reasons.append("botocore ParamValidator: " + report.generate_report().replace("\n", " "))
        print(
            json.dumps(
                {
                    "id": n,
                    "sites": chosen,
                    "input": copy.deepcopy(params),
                    "rejected": bool(reasons),
                    "reasons": reasons,
                },
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    main()
