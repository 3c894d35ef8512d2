import { describeMailshitOnN8n } from './harness/suite';

describeMailshitOnN8n(2);
