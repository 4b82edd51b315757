/** One reason a body fails its schema. */
export interface ValidationError {
  /** JSON Pointer into the (normalised) body. */
  pointer: string;
  message: string;
  /** The JSON Schema keyword, or `syntax`, `required` (no body), `status`, `body`. */
  keyword: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export interface ValidateOptions {
  kind?: "request" | "response";
  /** A response's status; without it, the first documented one. */
  status?: number;
}

/** The endpoint ids (`create_job`, ...). */
export declare const endpoints: string[];

/** The published schema of an endpoint's body, or null when it has none. */
export declare function schema(endpoint: string, kind?: "request" | "response"): object | null;

/**
 * Checks a body against its published schema after undoing the API's lenience (lenient
 * syntax, the `{"value": "..."}` envelope, case-insensitive member names). `body` is the
 * text as sent, or a parsed value; a blank text or undefined is "no body".
 */
export declare function validate(endpoint: string, body: unknown, options?: ValidateOptions): ValidationResult;
