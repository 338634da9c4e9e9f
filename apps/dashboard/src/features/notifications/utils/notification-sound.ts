/**
 * A short two-note chime made with WebAudio: nothing to download, and quiet enough for an open-plan
 * office. Browsers may keep audio suspended until the page has had a user gesture; then nothing plays,
 * which is acceptable for a hint that is also shown in the bell and as a desktop notification.
 */
let context: AudioContext | null = null;

export function playNotificationSound() {
  if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return;
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    for (const [i, frequency] of [880, 1318.5].entries()) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      const at = start + i * 0.12;
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.3);
    }
  } catch {
    // No audio device or a policy refusal: the sound is a nicety, never an error.
  }
}
