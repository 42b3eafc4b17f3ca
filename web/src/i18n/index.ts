/**
 * A small hand-written i18n: one reactive locale, two message tables, `t(key, params)`.
 *
 * Chinese (zh-CN) is the default whatever the browser says; the visitor's choice is kept in
 * localStorage and mirrored on <html lang> so that screen readers and fonts follow it.
 */
import { computed, ref } from 'vue'
import en from './en'
import zhCN, { type MessageKey, type Messages } from './zh-CN'

export type { MessageKey } from './zh-CN'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

const STORAGE_KEY = 'tongban.locale'
const TABLES: Record<Locale, Messages> = { 'zh-CN': zhCN, en }

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY)
    return isLocale(stored) ? stored : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE // storage disabled (private mode, policy): fall back quietly
  }
}

const current = ref<Locale>(readStoredLocale())

/** The active locale, read-only; change it with setLocale. */
export const locale = computed(() => current.value)

export function setLocale(next: Locale): void {
  current.value = next
  document.documentElement.lang = next
  try {
    window.localStorage.setItem(STORAGE_KEY, next)
  } catch {
    // The choice then lasts only for this page view.
  }
}

/** Applies the stored locale to <html lang> before the first render. */
export function applyInitialLocale(): void {
  document.documentElement.lang = current.value
}

/** Translates `key`; `{name}` placeholders are replaced by `params.name`. Reactive in templates. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = TABLES[current.value][key]
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}
