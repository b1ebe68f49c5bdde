import { ChooseCloud } from '../screens/ChooseCloud';
import { Shell } from './Shell';

export function App() {
  return (
    <Shell current="cloud">
      <ChooseCloud />
    </Shell>
  );
}
