import { useEffect } from 'react';
import { Canvas } from '@tarojs/components';
import { useLargeText } from '../../../components/hooks';
import { CHART_FONT, drawCommands, type ChartBox, type DrawCmd } from '../../../charts/draw';
import { paintCanvas } from '../../../services/adapters/pit-media';

/**
 * A `Canvas type="2d"` that replays the commands `build` returns for its size. `build` should be
 * memoised on its data: a new function means a redraw.
 */
export function PitChart({ id, build, tall }: { id: string; build: (box: ChartBox) => DrawCmd[]; tall?: boolean }) {
  const large = useLargeText();
  useEffect(() => {
    let alive = true;
    void paintCanvas(id, (ctx, width, height) => {
      // The weapp canvas wants a plain family; H5 gets a CJK-friendly stack.
      if (alive) drawCommands(ctx, build({ width, height, fontSize: large ? 16 : 13 }), process.env.TARO_ENV === 'weapp' ? 'sans-serif' : CHART_FONT);
    });
    return () => {
      alive = false;
    };
  }, [id, build, large]);
  return <Canvas type='2d' id={id} className={`pit-chart${tall ? ' pit-chart--tall' : ''}`} />;
}
