/**
 * How the public catalog pages say a record's codes and numbers: enum codes to labels (through the
 * `catalog.*` message keys), fen to 元, working-day limits (0 = 即办), who a target is.
 */
import { t, type MessageKey } from '../../i18n'
import type {
  MaterialForm,
  MaterialSource,
  MaterialType,
  Necessity,
  PowerType,
  ProcessingDepth,
  Refs,
  ServiceItem,
  Target,
} from './types'

export function targetLabel(target: Target): string {
  return t(`catalog.target_${target}` as MessageKey)
}

export function powerTypeLabel(type: PowerType): string {
  return t(`catalog.power_${type}` as MessageKey)
}

export function depthLabel(depth: ProcessingDepth): string {
  return t(`catalog.depth_${depth}` as MessageKey)
}

export function sourceLabel(source: MaterialSource): string {
  return t(`catalog.source_${source}` as MessageKey)
}

export function materialTypeLabel(type: MaterialType): string {
  return t(`catalog.material_type_${type}` as MessageKey)
}

export function formLabel(form: MaterialForm): string {
  return t(`catalog.form_${form}` as MessageKey)
}

export function necessityLabel(necessity: Necessity): string {
  return t(`catalog.necessity_${necessity}` as MessageKey)
}

/** 1234 fen → "12.34"; whole yuan without decimals ("9"). */
export function yuan(fen: number): string {
  const whole = Math.trunc(fen / 100)
  const rest = Math.abs(fen % 100)
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0')}`
}

/** A time limit in working days: 0 is 即办 (on the spot). */
export function limitLabel(days: number): string {
  return days === 0 ? t('catalog.limit_immediate') : t('catalog.limit_days', { days })
}

/** 跑动次数: 0 is 零跑动 (nothing in person). */
export function tripsLabel(trips: number): string {
  return trips === 0 ? t('catalog.trips_zero') : t('catalog.trips_n', { n: trips })
}

/** The department's name from the refs, else its code. */
export function departmentName(refs: Refs | null | undefined, code: string): string {
  return refs?.departments?.[code] ?? code
}

export interface Badge {
  key: string
  label: string
  hint: string
}

/** 全市通办 / 零材料 / 告知承诺 / 容缺受理 — the badges an item earns. */
export function itemBadges(item: Pick<ServiceItem, 'any_location' | 'zero_material'> & Partial<ServiceItem>): Badge[] {
  const badges: Badge[] = []
  const add = (key: string, on: boolean | undefined) => {
    if (on)
      badges.push({
        key,
        label: t(`catalog.badge_${key}` as MessageKey),
        hint: t(`catalog.badge_${key}_hint` as MessageKey),
      })
  }
  add('any_location', item.any_location)
  add('zero_material', item.zero_material)
  add('notify_and_commit', item.notify_and_commit)
  add('accept_with_gaps', item.accept_with_gaps)
  return badges
}

/** Only same-site paths or http(s) URLs become links (a record's file or URL is data, not trusted markup). */
export function safeHref(value: string): string | undefined {
  if (!value) return undefined
  if (value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) return value
  return /^https?:\/\//i.test(value) ? value : undefined
}
