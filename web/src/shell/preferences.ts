/**
 * 适老化 (elderly mode): a visitor preference, kept in localStorage and shown as the class
 * `tb-elderly` on <html>; theme.css does the rest (larger type and targets, higher contrast).
 */
import { computed, ref } from 'vue'

export const ELDERLY_CLASS = 'tb-elderly'
const STORAGE_KEY = 'tongban.elderly'

function readStoredElderly(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'on'
  } catch {
    return false
  }
}

const elderlyOn = ref(readStoredElderly())

/** Whether elderly mode is on, read-only; change it with setElderlyMode. */
export const elderlyMode = computed(() => elderlyOn.value)

export function setElderlyMode(on: boolean): void {
  elderlyOn.value = on
  document.documentElement.classList.toggle(ELDERLY_CLASS, on)
  try {
    window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off')
  } catch {
    // The choice then lasts only for this page view.
  }
}

/** Applies the stored preference to <html> before the first render. */
export function applyInitialElderlyMode(): void {
  document.documentElement.classList.toggle(ELDERLY_CLASS, elderlyOn.value)
}
