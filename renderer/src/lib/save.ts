import { call } from '../api/client';
import { useAppStore } from '../store';

/**
 * Save a file: the desktop app opens the system save dialog; in a browser it downloads.
 * Returns what happened, in words.
 */
export async function saveFile(name: string, content: string, kind: 'json' | 'yaml'): Promise<string> {
  if (useAppStore.getState().appInfo?.runtime === 'electron') {
    const result = await call('app.saveFile', {
      suggestedName: name,
      content,
      filterName: kind === 'json' ? 'JSON' : 'YAML',
      extensions: kind === 'json' ? ['json'] : ['yaml', 'yml'],
    });
    if (result.saved) return `Saved to ${result.path}`;
    if (result.reason === 'cancelled') return 'Not saved';
  }
  const url = URL.createObjectURL(
    new Blob([content], { type: kind === 'json' ? 'application/json' : 'application/yaml' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return `Downloaded ${name}`;
}
