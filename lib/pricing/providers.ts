/**
 * The providers a fine-tune can live at, and how each names its models. Pure data: no framework, no database.
 * A catalog model's `provider` is one of these ids; a team's own base model may use any of them.
 */
export const PROVIDER_IDS = ["openai", "azure-openai", "vertex-ai", "bedrock", "together", "fireworks", "mistral", "self-hosted"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderInfo {
  id: ProviderId;
  name: string;
  /** What a fine-tuned model's id looks like at this provider, shown as the form's placeholder and in errors. */
  modelIdExample: string;
  /** Loose shape check of a provider model id (never a reason to lose input: the message says what was expected). */
  modelIdPattern: RegExp;
  modelIdHint: string;
}

/** Per provider: its display name and the form of its fine-tuned model ids. */
export const PROVIDERS: Readonly<Record<ProviderId, ProviderInfo>> = {
  openai: {
    id: "openai",
    name: "OpenAI",
    modelIdExample: "ft:gpt-4o-mini-2024-07-18:acme:support:AbC123",
    modelIdPattern: /^ft:[^:\s]+:\S+$/,
    modelIdHint: "An OpenAI fine-tune id starts with ft:<base model>:, e.g. ft:gpt-4o-mini-2024-07-18:acme:support:AbC123",
  },
  "azure-openai": {
    id: "azure-openai",
    name: "Azure OpenAI",
    modelIdExample: "gpt-4.1-mini-2025-04-14.ft-0123456789abcdef0123456789abcdef",
    modelIdPattern: /^\S+$/,
    modelIdHint: "An Azure OpenAI fine-tune id has no spaces, e.g. gpt-4.1-mini-2025-04-14.ft-0123456789abcdef…",
  },
  "vertex-ai": {
    id: "vertex-ai",
    name: "Google Vertex AI",
    modelIdExample: "projects/my-project/locations/us-central1/endpoints/1234567890",
    modelIdPattern: /^projects\/[^/\s]+\/locations\/[^/\s]+\/(endpoints|models)\/[^/\s]+$/,
    modelIdHint: "A Vertex AI tuned model is an endpoint or model resource name: projects/<project>/locations/<region>/endpoints/<id>",
  },
  bedrock: {
    id: "bedrock",
    name: "AWS Bedrock",
    modelIdExample: "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-lite-v1:0:300k/abc123def456",
    modelIdPattern: /^arn:aws[\w-]*:bedrock:[\w-]+:\d{12}:(custom-model|provisioned-model|custom-model-deployment)\/\S+$/,
    modelIdHint: "A Bedrock custom model is an ARN: arn:aws:bedrock:<region>:<account>:custom-model/…",
  },
  together: {
    id: "together",
    name: "Together AI",
    modelIdExample: "acme/Meta-Llama-3.1-8B-Instruct-Reference-support-a1b2c3d4",
    modelIdPattern: /^[^/\s]+\/[^/\s]+$/,
    modelIdHint: "A Together fine-tune id is <account>/<model-name>, e.g. acme/Meta-Llama-3.1-8B-Instruct-Reference-support-a1b2c3d4",
  },
  fireworks: {
    id: "fireworks",
    name: "Fireworks AI",
    modelIdExample: "accounts/acme/models/support-llama-v3p1-8b",
    modelIdPattern: /^accounts\/[^/\s]+\/models\/[^/\s]+$/,
    modelIdHint: "A Fireworks model id is accounts/<account>/models/<model>",
  },
  mistral: {
    id: "mistral",
    name: "Mistral",
    modelIdExample: "ft:open-mistral-nemo:a1b2c3d4:20260101:e5f6a7b8",
    modelIdPattern: /^ft:[^:\s]+:\S+$/,
    modelIdHint: "A Mistral fine-tune id starts with ft:<base model>:, e.g. ft:open-mistral-nemo:a1b2c3d4:20260101:e5f6a7b8",
  },
  "self-hosted": {
    id: "self-hosted",
    name: "Self-hosted",
    modelIdExample: "s3://models/support-llama-8b-v3",
    modelIdPattern: /^\S+$/,
    modelIdHint: "Any id without spaces: a path, a registry tag or a name your team uses",
  },
};

/** True for a known provider id. */
export function isProviderId(v: string): v is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(v);
}

/** The provider's display name; an unknown id is shown as itself. */
export function providerName(id: string): string {
  return isProviderId(id) ? PROVIDERS[id].name : id;
}
