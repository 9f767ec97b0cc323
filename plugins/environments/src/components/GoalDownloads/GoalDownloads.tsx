import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useApi } from '@backstage/core-plugin-api';
import {
  Goal,
  GoalHistoryFormat,
  goalHistoryFileName,
} from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';

/** Hands the browser a file, as a link with `download` would for a plain URL. */
function saveFile(text: string, type: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  URL.revokeObjectURL(url);
}

/**
 * The goal's whole history as CSV or JSON, for a report. Fetched with the user's token
 * (a plain link would go without it), then saved under the server's file name.
 */
export const GoalDownloads = (props: { goal: Pick<Goal, 'id' | 'title'> }) => {
  const { goal } = props;
  const api = useApi(environmentsApiRef);
  const [busy, setBusy] = useState<GoalHistoryFormat>();
  const [error, setError] = useState<Error>();

  const download = async (format: GoalHistoryFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      const fileName = goalHistoryFileName(goal.id, format);
      if (format === 'csv') {
        saveFile(await api.getGoalHistoryCsv(goal.id), 'text/csv', fileName);
      } else {
        const history = await api.getGoalHistory(goal.id);
        saveFile(
          JSON.stringify(history, null, 2),
          'application/json',
          fileName,
        );
      }
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const button = (format: GoalHistoryFormat, label: string) => (
    <Button
      size="small"
      startIcon={<GetAppIcon aria-hidden />}
      disabled={busy !== undefined}
      aria-label={`Download the ${format.toUpperCase()} history of ${
        goal.title
      }`}
      onClick={() => download(format)}
    >
      {label}
    </Button>
  );

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 4 }}>
      <Typography variant="caption" color="textSecondary">
        History:
      </Typography>
      {button('csv', 'Download CSV')}
      {button('json', 'JSON')}
      {error && (
        <Typography variant="caption" color="error" role="alert">
          Could not download it: {error.message}
        </Typography>
      )}
    </Box>
  );
};
