import { MAX_TITLE_LENGTH } from "@/lib/api/limits";
import { LANGUAGE_OPTIONS } from "@/lib/languages";

interface MeetingDetailsFieldsProps {
  title: string;
  onTitleChange: (title: string) => void;
  disabled: boolean;
  titleError?: string;
}

/** The meeting's title (filled in from the file name until the person types one) and its language. */
export function MeetingDetailsFields({ title, onTitleChange, disabled, titleError }: MeetingDetailsFieldsProps) {
  return (
    <>
      <div className="field">
        <label htmlFor="upload-title">Title</label>
        <input
          id="upload-title"
          name="title"
          className="input"
          value={title}
          maxLength={MAX_TITLE_LENGTH}
          onChange={(event) => onTitleChange(event.target.value)}
          placeholder="Weekly team meeting"
          aria-invalid={titleError ? true : undefined}
          disabled={disabled}
        />
        {titleError && <p className="field-error">{titleError}</p>}
      </div>

      <div className="field">
        <label htmlFor="upload-language">Language</label>
        <select id="upload-language" name="language" className="select" defaultValue="auto" disabled={disabled}>
          {LANGUAGE_OPTIONS.map((language) => (
            <option key={language.code} value={language.code}>
              {language.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
