import type { WidgetConfig } from '@helpstack/contracts';
import { IconMessageCircle } from '@tabler/icons-react';

/** What visitors will see, drawn from the unsaved values so every change shows at once. */
export function WidgetPreview({ config, channelName }: { config: Pick<WidgetConfig, 'color' | 'position' | 'greeting' | 'launcherText'>; channelName: string }) {
  const side = config.position === 'left' ? { left: 20 } : { right: 20 };
  return (
    <div className="widget-preview" role="img" aria-label={`Preview: a ${config.position === 'left' ? 'left' : 'right'}-hand "${config.launcherText}" launcher in ${config.color}`}>
      <div className="widget-preview-panel" style={side}>
        <div className="widget-preview-head" style={{ background: config.color }}>
          {channelName}
        </div>
        <div className="widget-preview-body">
          <span className="widget-preview-bubble">{config.greeting}</span>
        </div>
      </div>
      <span className="widget-preview-launcher" style={{ ...side, background: config.color }}>
        <IconMessageCircle size={20} aria-hidden="true" />
        {config.launcherText}
      </span>
    </div>
  );
}
