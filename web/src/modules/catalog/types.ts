/**
 * The catalog's records exactly as the server sends them (docs/catalog-format.md,
 * modules/catalog/include/catalog/model.hpp). Shared by the public pages (this folder) and the
 * operator console (../catalog-admin).
 */

export type RegionLevel = 'city' | 'district' | 'street' | 'centre'
export type DepartmentLevel = 'city' | 'district' | 'street'
export type PowerType =
  | 'licensing'
  | 'penalty'
  | 'coercion'
  | 'levy'
  | 'benefit'
  | 'inspection'
  | 'confirmation'
  | 'reward'
  | 'adjudication'
  | 'other_power'
  | 'public_service'
export type Holder = 'person' | 'enterprise' | 'both'
export type MaterialSource = 'applicant' | 'department_issued' | 'e_licence' | 'shared_data'
export type MaterialType = 'original' | 'copy' | 'electronic'
export type MaterialForm = 'paper' | 'electronic' | 'paper_or_electronic'
export type Necessity = 'required' | 'optional' | 'may_follow'
export type ProcessingDepth = 'appointment' | 'online_acceptance' | 'fully_online'
export type Target = 'resident' | 'enterprise' | 'both'
export type ResultKind = 'licence' | 'document' | 'none'
export type VersionStatus = 'draft' | 'published' | 'retired'

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parent_code: string
  address: string
  hours: string
}

export interface Department {
  code: string
  name: string
  short_name: string
  level: DepartmentLevel
  region_code: string
  parent_code: string
}

export interface Power {
  code: string
  name: string
  type: PowerType
  department_code: string
  legal_basis: string[]
}

export interface LicenceType {
  code: string
  name: string
  issuer_department_code: string
  holder: Holder
  validity_years: number
}

export interface DataItem {
  code: string
  name: string
  provider_department_code: string
  description: string
}

export interface Option {
  id: string
  text: string
}
export interface Question {
  id: string
  text: string
  options: Option[]
}
export interface Clause {
  question_id: string
  option_ids: string[]
}
export interface Situation {
  id: string
  name: string
  when: Clause[]
  description: string
}
export interface Condition {
  id: string
  text: string
  situations: string[]
}

export interface Material {
  id: string
  name: string
  source: MaterialSource
  issuer_department_code: string
  type: MaterialType
  paper_copies: number
  form: MaterialForm
  necessity: Necessity
  sample_file: string
  blank_form_file: string
  replaced_by_licence: string
  replaced_by_data_item: string
  requirements: string
  situations: string[]
}

export interface Fee {
  name: string
  amount_fen: number
  standard: string
  basis: string
}

export interface Window {
  name: string
  region_code: string
  address: string
  hours: string
  phone: string
}

export interface ItemResult {
  kind: ResultKind
  name: string
  licence_type_code: string
  sample_file: string
}

export interface ServiceItem {
  code: string
  version: number
  status: VersionStatus
  effective_from: string
  effective_to: string
  name: string
  aliases: string[]
  keywords: string[]
  category: string
  summary: string
  target: Target
  power_code: string
  department_code: string
  region_codes: string[]
  questions: Question[]
  situations: Situation[]
  conditions: Condition[]
  materials: Material[]
  statutory_limit_days: number
  committed_limit_days: number
  fees: Fee[]
  processing_depth: ProcessingDepth
  trips: number
  any_location: boolean
  zero_material: boolean
  notify_and_commit: boolean
  accept_with_gaps: boolean
  legal_basis: string[]
  windows: Window[]
  online_url: string
  result: ItemResult
  /** JSON Schema (draft-07) as JSON text; "" for none. */
  form_schema: string
  demo: boolean
  created_at: string
  updated_at: string
  published_at: string
  published_by: string
}

export interface LifeEvent {
  code: string
  version: number
  status: VersionStatus
  effective_from: string
  effective_to: string
  name: string
  aliases: string[]
  keywords: string[]
  target: Target
  summary: string
  lead_department_code: string
  item_codes: string[]
  committed_limit_days: number
  demo: boolean
  created_at: string
  updated_at: string
  published_at: string
  published_by: string
}

/** What a record points at, named, so a guide page needs one request. */
export interface Refs {
  departments: Record<string, string>
  regions: Record<string, string>
  powers: Record<string, { name: string; type: PowerType }>
  licence_types: Record<string, string>
  data_items: Record<string, string>
  life_events: { code: string; name: string }[]
}

export interface ItemView {
  item: ServiceItem
  refs: Refs
}

export interface ItemSummary {
  code: string
  version: number
  status: VersionStatus
  name: string
  category: string
  target: Target
  department_code: string
  power_type: PowerType
  processing_depth: ProcessingDepth
  trips: number
  committed_limit_days: number
  any_location: boolean
  zero_material: boolean
  has_draft: boolean
  updated_at: string
}

export interface VersionInfo {
  version: number
  status: VersionStatus
  effective_from: string
  effective_to: string
  updated_at: string
  published_at: string
  published_by: string
}

export interface Evaluation {
  situation_id: string
  unanswered: string[]
  conditions: Condition[]
  materials: Material[]
  waived: Material[]
}

export interface LifeEventGuide {
  life_event: LifeEvent
  items: ServiceItem[]
  materials: { material: Material; item_codes: string[] }[]
  merged_form_schema: Record<string, unknown>
  shared_fields: string[]
  committed_limit_days: number
  statutory_limit_days: number
  trips: number
  separate_materials: number
  refs: Refs
}

export type HitKind = 'item' | 'life_event'

export interface SearchHit {
  kind: HitKind
  code: string
  name: string
  department_code: string
  department_name: string
  target: Target
  score: number
}

export interface Suggestion {
  kind: HitKind
  code: string
  name: string
}

export interface Category {
  name: string
  target: Target
  count: number
}

/** One rule failure, as in a 422 problem's `errors` and in /validate answers. */
export interface RuleError {
  code: string
  field: string
  message_zh: string
  message_en: string
}

export interface ImportReport {
  applied: boolean
  regions: number
  departments: number
  powers: number
  licence_types: number
  data_items: number
  item_versions: number
  life_event_versions: number
  unchanged: number
  rejected: { kind: string; code: string; errors: RuleError[] }[]
}
