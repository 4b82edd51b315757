// Compiled with `tsc --strict` in the throwaway project where the packed npm package is
// installed (see tests/tests/packages.rs): the package's declarations and a generated type
// are importable through its `exports`, and a typed body can be validated.
import { endpoints, schema, validate, type ValidationResult } from "vendorspec";
import type { CreateJobRequestBody } from "vendorspec/types/create_job.request";

const job: CreateJobRequestBody = {
  Name: "Discover the lab",
  JobType: 1,
  StartTime: "2026-12-01T08:00:00Z",
  DiscoveryTargets: { ComputerNameTargets: [{ ComputerName: "lab-01" }] },
};
const result: ValidationResult = validate("create_job", job, { kind: "request" });
const pointers: string[] = result.errors.map((e) => e.pointer);
const known: boolean = endpoints.includes("create_job") && schema("create_job") !== null;
export { pointers, known };
